/*
 * The bundled data files, compiled in by scripts/embed-data.py (see
 * data/meson.build). Each array ends in a NUL that its length leaves out.
 */
#ifndef DEPUTY_INTEL_EMBEDDED_H
#define DEPUTY_INTEL_EMBEDDED_H

#include <stddef.h>

extern const unsigned char data_pypi_popular[];
extern const size_t data_pypi_popular_len;
extern const unsigned char data_python_stdlib[];
extern const size_t data_python_stdlib_len;
extern const unsigned char data_known_malicious[];
extern const size_t data_known_malicious_len;
extern const unsigned char data_cran_packages[];
extern const size_t data_cran_packages_len;
extern const unsigned char data_cran_known[];
extern const size_t data_cran_known_len;
extern const unsigned char data_cran_mirrors[];
extern const size_t data_cran_mirrors_len;
extern const unsigned char data_r_base_packages[];
extern const size_t data_r_base_packages_len;
extern const unsigned char data_r_github_owners[];
extern const size_t data_r_github_owners_len;
extern const char data_snapshot_date[];
/* The packed PyPI name table (scripts/pack-pypi-names.py), embedded by .incbin. */
extern const unsigned char data_pypi_names[];
extern const unsigned char data_pypi_names_end[];

#endif
