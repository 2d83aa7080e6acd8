"""A loopback HTTP server for tests/unit/fetch: status codes, slow and
oversized bodies, redirects. Binds 127.0.0.1 on a free port and prints it;
exits when its standard input closes, or after five minutes."""
import http.server
import os
import sys
import threading
import time
import urllib.parse

LIFETIME_S = 300


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, length=None, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        query = urllib.parse.parse_qs(url.query)
        head, arg = parts[0], parts[1] if len(parts) > 1 else ""
        if head == "ok":
            self.reply(200, b"hello from the loopback\n")
        elif head == "bytes":
            self.reply(200, b"x" * int(arg))
        elif head == "stream":
            # No Content-Length: the body ends when the connection closes.
            self.send_response(200)
            self.end_headers()
            left = int(arg)
            while left > 0:
                n = min(left, 4096)
                self.wfile.write(b"y" * n)
                left -= n
        elif head == "huge-length":
            self.send_response(200)
            self.send_header("Content-Length", str(10 ** 12))
            self.end_headers()
            self.wfile.write(b"z" * 10)
            self.wfile.flush()
            time.sleep(20)
        elif head == "short":
            self.reply(200, b"only ten b", length=100)
        elif head == "status":
            self.reply(int(arg), b"status %s\n" % arg.encode())
        elif head == "slow":
            time.sleep(float(arg))
            self.reply(200, b"late\n")
        elif head == "redirect":
            # A body of its own, which must not end up in the download.
            self.reply(302, b"moved\n", headers=[("Location", query["to"][0])])
        elif head == "loop":
            self.reply(302, b"", headers=[("Location", "/loop")])
        else:
            self.reply(404, b"no such test path\n")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass    # the client hung up on purpose (limits, timeouts)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    # Ends with the test: its end of our standard input closes.
    threading.Timer(LIFETIME_S, lambda: os._exit(0)).start()
    sys.stdin.read()
    os._exit(0)


main()
