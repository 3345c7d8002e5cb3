"""What sync tests share: the real county server process on a free port, proxies, a station to sync."""

from __future__ import annotations

import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from station_app.core import db, station
from sync import client as sync_client

from . import pg


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]



class CountyServer:
    def __init__(self, data_dir: Path, tls: tuple[Path, Path] | None = None, ca: Path | None = None) -> None:
        self.data_dir, self.port, self.tls, self.ca = data_dir, free_port(), tls, ca
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    @property
    def database(self) -> list[str]:
        """``--database URL`` when the tests run on PostgreSQL (tests/sync/pg.py), else nothing (SQLite)."""
        return ["--database", pg.database_for(self.data_dir)] if pg.enabled() else []

    def start(self) -> None:
        tls = ["--certfile", str(self.tls[0]), "--keyfile", str(self.tls[1])] if self.tls else []
        self.proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--data-dir",
                                      str(self.data_dir), "--port", str(self.port), *self.database, *tls],
                                     stdout=subprocess.DEVNULL, stderr=open(self.data_dir.parent / "server.log", "ab"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/openapi.json", timeout=1, verify=str(self.ca) if self.ca else True,
                             trust_env=False).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        log = (self.data_dir.parent / "server.log").read_text(errors="replace")[-2000:]
        raise RuntimeError("county server did not start: " + log)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def admin(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sync.server.cli", *args, "--data-dir", str(self.data_dir),
                               *self.database], capture_output=True, text=True, encoding="utf-8", timeout=60)

    def execute(self, sql: str, *params) -> None:
        if pg.enabled():
            pg.run(pg.database_for(self.data_dir), sql, params)
            return
        conn = sqlite3.connect(self.data_dir / "county.db", timeout=30)
        try:
            with conn:
                conn.execute(sql, params)
        finally:
            conn.close()

    def query(self, sql: str, *params) -> list[tuple]:
        if pg.enabled():
            return pg.run(pg.database_for(self.data_dir), sql, params)
        conn = sqlite3.connect(self.data_dir / "county.db", timeout=30)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()



def new_station(tmp_path: Path, server: CountyServer, code: str):
    conn = db.open_db(tmp_path / code)
    _, clerk = station.init_station(conn, code, f"{code} 站", "王芳", "1234")
    enrolment = server.admin("station", "add", "--code", code, "--name", f"{code} 站").stdout.strip()
    sync_client.enroll(conn, server.url, enrolment)
    return conn, clerk



class DroppingProxy:
    """A TCP proxy on 127.0.0.1 that forwards each request; ``drop`` decides, per request line, whether the
    answer is thrown away after the server sent it (the station never reads it). ``cut`` truncates a body."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream = upstream_port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.drop = lambda request_line: False
        self.cut = lambda request_line: False
        self.seen: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(client,), daemon=True).start()

    @staticmethod
    def _read_message(sock: socket.socket) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return head + b"\r\n\r\n" + body

    def _one(self, client: socket.socket) -> None:
        with client:
            while True:
                request = self._read_message(client)
                if not request:
                    return
                line = request.split(b"\r\n", 1)[0].decode()
                self.seen.append(line)
                with socket.create_connection(("127.0.0.1", self.upstream)) as up:
                    up.sendall(request)
                    answer = self._read_message(up)
                if self.drop(line):
                    return  # the server has done the work; the station never hears back
                if self.cut(line):
                    client.sendall(answer[: len(answer) - 40])
                    return
                client.sendall(answer)

    def close(self) -> None:
        self.server.close()



class TunedServer(CountyServer):
    """The county server started with environment overrides (short timeouts) and, optionally, a low limit on
    open files, as on a small machine."""

    def __init__(self, data_dir, env: dict[str, str] | None = None, nofile: int | None = None) -> None:
        super().__init__(data_dir)
        self.env, self.nofile = env or {}, nofile

    def start(self) -> None:
        def limit_files() -> None:
            if self.nofile:
                resource.setrlimit(resource.RLIMIT_NOFILE, (self.nofile, self.nofile))

        self.proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--data-dir",
                                      str(self.data_dir), "--port", str(self.port), *self.database],
                                     env={**os.environ, **self.env}, preexec_fn=limit_files,
                                     stdout=subprocess.DEVNULL, stderr=open(self.log_path, "ab"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/openapi.json", timeout=1, trust_env=False).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("county server did not start: " + self.log_path.read_text(errors="replace")[-2000:])

    @property
    def log_path(self):
        return self.data_dir.parent / "server.log"
