"""The server under test for the crash harness: starting, killing, calling it, and telling
whether it is training in the background. Python standard library only."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]




class Http:
    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port

    def call(self, method, path, body=None, timeout=30):
        """(status, json) for any HTTP answer; raises OSError when the server does not answer."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw or b"null")
            except ValueError:
                return e.code, raw.decode(errors="replace")
        except urllib.error.URLError as e:
            raise OSError(str(e.reason)) from e



class Server:
    def __init__(self, args, data, port, log_path):
        self.args, self.data, self.port, self.log_path = args, data, port, log_path
        self.proc = None

    def launch(self):
        """Starts the server without waiting for it (to kill it during start-up)."""
        log = open(self.log_path, "ab")
        log.write(b"\n=== start (to be killed) %f ===\n" % time.time())
        log.close()
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([self.args.bin, "serve", "--dev", "--data", self.data, "--port", str(self.port),
                                          "--config", self.args.config], cwd=self.args.repo, stdout=log, stderr=subprocess.STDOUT)

    def start(self, timeout=180):
        log = open(self.log_path, "ab")
        log.write(b"\n=== start %f ===\n" % time.time())
        log.flush()
        env = dict(os.environ, SWITCHBOARD_LOG_LEVEL="info")
        self.mark = os.path.getsize(self.log_path)
        self.proc = subprocess.Popen([self.args.bin, "serve", "--dev", "--data", self.data, "--port", str(self.port),
                                      "--config", self.args.config], cwd=self.args.repo, stdout=log, stderr=subprocess.STDOUT, env=env)
        log.close()
        http = Http(self.port)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited with %s at start; see %s" % (self.proc.returncode, self.log_path))
            try:
                if http.call("GET", "/readyz", timeout=2)[0] == 200:
                    return time.time()
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server not ready after %d s" % timeout)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc:
            self.proc.wait()

    def start_log(self):
        with open(self.log_path, "rb") as f:
            f.seek(self.mark)
            return f.read().decode(errors="replace")


def background_training(pid):
    """True when a utility-QoS dispatch thread of the server (where it retrains in the background)
    uses the CPU during 0.1 s."""
    def sample():
        out = {}
        for tid in os.listdir("/proc/%d/task" % pid):
            try:
                with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                    if "utility" not in f.read():
                        continue
                with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                out[tid] = int(fields[11]) + int(fields[12])
            except OSError:
                pass
        return out
    try:
        first = sample()
        time.sleep(0.1)
        second = sample()
    except OSError:
        return False
    return any(second.get(t, 0) > v for t, v in first.items())


