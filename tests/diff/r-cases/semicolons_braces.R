{ a; b }; { }
{
  a
  b
}
if (x) {
  y
} else {
  z
}
