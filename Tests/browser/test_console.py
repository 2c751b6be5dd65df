"""Browser tests of the web console: headless Chromium driven by Selenium.

Starts `switchboard serve --dev` on a free loopback port with a temporary data folder that has
Knowledge/ imported, then walks through the console the way people use it: sign in, import a
file and find it, run a conversation with suggestions over Server-Sent Events, accept one, turn
a gap cluster into a FAQ, view the graph and the dashboard, switch the language, and see the
retry banner once the server is gone. One screenshot per screen goes to SCREENSHOT_DIR
(default .build/browser-screenshots). Run with scripts/test-browser.sh.

Environment: SWITCHBOARD_BIN (the binary, required), SWITCHBOARD_IMPORT_BIN (the binary that imports
the knowledge, default SWITCHBOARD_BIN: a release build trains the models much faster than a debug
one), SWITCHBOARD_KNOWLEDGE (folder to import, default Knowledge), CHROMEDRIVER (default: chromedriver
on the PATH).
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

# Selenium Manager must not go to the network (driver downloads, usage statistics).
os.environ.setdefault("SE_AVOID_STATS", "true")
os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / ".build" / "browser-screenshots"))
WAIT = 30

FIXTURE = """# Zephyrine coolant service

## Procedure

The Zephyrine coolant flush for the battery loop is due every 60,000 km. Book it at any Lanto service
centre; it takes about two hours.
"""

# Questions the default knowledge cannot answer, worded alike so that they form one gap cluster.
GAP_QUESTIONS = [
    "Can I take my Lanto E7 on the ferry to Iceland?",
    "Is it allowed to bring the E7 on a ferry to Iceland?",
    "Can the E7 travel by ferry to Iceland?",
    "Ferry to Iceland with my E7, is that possible?",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The switchboard binary serving a temporary data folder in dev mode."""

    def __init__(self):
        self.binary = os.environ.get("SWITCHBOARD_BIN")
        if not self.binary or not Path(self.binary).is_file():
            raise unittest.SkipTest("set SWITCHBOARD_BIN to the switchboard binary")
        self.data = Path(tempfile.mkdtemp(prefix="switchboard-browser-"))
        self.log = open(self.data / "server.log", "w")
        knowledge = os.environ.get("SWITCHBOARD_KNOWLEDGE", "Knowledge")
        started = time.time()
        importer = os.environ.get("SWITCHBOARD_IMPORT_BIN") or self.binary
        subprocess.run([importer, "import", knowledge, "--data", str(self.data / "db")], cwd=ROOT, check=True,
                       stdout=self.log, stderr=subprocess.STDOUT)
        print(f"imported {knowledge} in {time.time() - started:.1f} s")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([self.binary, "serve", "--dev", "--port", str(self.port), "--data", str(self.data / "db")],
                                        cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}; see {self.data / 'server.log'}")
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        raise RuntimeError("the server did not become ready within 120 s")

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def remove(self):
        shutil.rmtree(self.data, ignore_errors=True)


class ConsoleTest(unittest.TestCase):
    """One server and one browser for the whole walk; the tests run in name order."""

    @classmethod
    def setUpClass(cls):
        SHOTS.mkdir(parents=True, exist_ok=True)
        cls.server = Server()
        options = webdriver.ChromeOptions()
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000", "--lang=en-US"]:
            options.add_argument(arg)
        if Path("/usr/bin/chromium").exists():
            options.binary_location = "/usr/bin/chromium"
        service = Service(executable_path=os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or "chromedriver")
        cls.driver = webdriver.Chrome(options=options, service=service)
        cls.wait = WebDriverWait(cls.driver, WAIT)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()
        cls.server.remove()

    # Helpers.
    def shot(self, name):
        path = SHOTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        print(f"screenshot {path}")

    def find(self, css):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def click(self, css):
        self.wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, css))).click()

    def text_appears(self, css, text):
        self.wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))

    def errors(self):
        return [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "#errors .error")]

    def open(self, hash_=""):
        self.driver.get(self.server.base + "/console/" + hash_)
        self.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))

    def pane(self, name):
        self.open("#knowledge")
        self.click(f".subnav button[data-pane={name}]")
        self.find(f"#pane-{name}")

    # The walk.
    def test_00_static_files(self):
        status, headers, body = self.server.call("GET", "/console/")
        self.assertEqual(status, 200)
        self.assertIn("text/html", headers["Content-Type"])
        self.assertIn(b"app.js", body)
        for name, kind in [("app.js", "text/javascript"), ("style.css", "text/css")]:
            status, headers, _ = self.server.call("GET", "/console/" + name)
            self.assertIn(kind, headers["Content-Type"])
        for bad in ["/console/..%2FServer.swift", "/console/%2E%2E", "/console/.hidden.js", "/console/nothere.js"]:
            with self.assertRaises(urllib.error.HTTPError) as e:
                self.server.call("GET", bad)
            self.assertEqual(e.exception.code, 404, bad)

    def test_01_sign_in_and_first_paint(self):
        self.driver.get(self.server.base + "/")  # redirects to /console/
        self.find("#signin")
        self.shot("01-sign-in")
        self.click("#signin-dev")
        self.find("#workbench")
        self.assertIn("dev", self.find("#who").text)
        # First paint and page weight, fresh load of the workbench.
        self.driver.get(self.server.base + "/console/#workbench")
        self.find("#conv-new")
        paint = self.driver.execute_script(
            "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : null")
        weight = self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return performance.getEntriesByType('resource').reduce((s, r) => s + (r.encodedBodySize || 0), n ? n.encodedBodySize : 0)")
        print(f"first contentful paint {paint:.0f} ms, page weight {weight} bytes")
        self.assertLess(paint, 1000)
        self.shot("02-workbench")

    def test_02_import_and_search(self):
        self.pane("import")
        fixture = self.server.data / "zephyrine-coolant.md"
        fixture.write_text(FIXTURE)
        field = self.driver.find_element(By.ID, "file-input")
        self.driver.execute_script("arguments[0].hidden = false", field)
        field.send_keys(str(fixture))
        self.find('#uploads li[data-result="created"]')
        self.shot("03-import")
        self.click(".subnav button[data-pane=search]")
        box = self.find("#search-q")
        box.send_keys("Zephyrine coolant flush", Keys.ENTER)
        self.text_appears("#search-results", "zephyrine-coolant.md")
        self.find("#search-results .explain")
        self.shot("04-search-explain")
        self.click(".subnav button[data-pane=documents]")
        self.click('#docs button.doc[data-name="zephyrine-coolant.md"]')
        self.text_appears("#chunks .chunk", "60,000 km")

    def test_03_conversation_suggestions_over_sse(self):
        self.open("#workbench")
        self.click("#conv-new")
        self.wait.until(lambda d: d.find_element(By.ID, "conv-live").is_displayed())
        Select(self.driver.find_element(By.ID, "turn-speaker")).select_by_value("customer")
        text = self.find("#turn-text")
        text.send_keys("How long does the E7 take to charge at home?", Keys.ENTER)
        self.find('#transcript li[data-via~="sse"]')
        self.find("#suggestions li.suggestion")
        self.find("#intent-name")
        self.find("#sentiment svg")
        self.shot("05-conversation")
        self.click("#suggestions li.suggestion button.accept")
        self.text_appears("#suggestions .status", "accepted")
        self.find('#transcript li.agent')
        entities = self.driver.find_elements(By.CSS_SELECTOR, "#entities button.chip")
        if entities:
            entities[0].click()
            self.find("#entity-card .entity-card")
        self.click("#conv-close")
        self.find("#summary h2")
        self.find("#summary-text")
        self.text_appears("#summary h3", "QA")
        self.shot("06-summary")
        self.assertEqual(self.errors(), [])

    def test_04_gap_cluster_to_faq(self):
        for q in GAP_QUESTIONS:
            self.server.call("POST", "/v1/answer", {"question": q, "channel": "web"})
        self.pane("gaps")
        self.find("#gaps li.gap")
        self.shot("07-gaps")
        self.click("#gaps li.gap button.create-faq")
        self.find("#pane-faqs")
        question = self.find("#faq-question").get_attribute("value")
        self.assertTrue(question)
        answer = self.find("#faq-answer")
        answer.clear()
        answer.send_keys("Yes: the E7 may travel on car ferries; keep the charge between 20% and 80%.")
        self.click("#faq-save")
        self.text_appears("#faq-status", "Saved")
        self.shot("08-faq-created")
        _, _, body = self.server.call("GET", "/v1/faqs?q=" + urllib.request.quote(question))
        self.assertTrue(any(f["question"] == question for f in json.loads(body)["faqs"]))

    def test_05_graph(self):
        self.pane("graph")
        self.find("#graph-q").send_keys("E7", Keys.ENTER)
        self.find("#graph-view svg.graph")
        self.find("#graph-view .entity-card")
        self.shot("09-graph")
        neighbours = self.driver.find_elements(By.CSS_SELECTOR, '#graph-view g.node[role="button"]')
        if neighbours:
            before = self.find("#graph-view .entity-card").get_attribute("data-entity")
            target = neighbours[0].get_attribute("data-id")
            neighbours[0].click()
            self.wait.until(lambda d: d.execute_script(
                "const c = document.querySelector('#graph-view .entity-card'); return c && c.dataset.entity") == target)
            self.assertNotEqual(before, target)

    def test_06_candidates_and_faqs(self):
        self.pane("candidates")
        self.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#candidates li") or d.find_element(By.ID, "candidates"))
        self.pane("faqs")
        self.find("#faq-list li")
        self.shot("10-faqs")

    def test_07_dashboard(self):
        self.open("#dashboard")
        self.find('#kpis .kpi[data-kpi="answer_rate"]')
        self.find("#chart-intents svg")
        self.shot("11-dashboard")

    def test_08_language_switch(self):
        self.open("#workbench")
        Select(self.driver.find_element(By.ID, "lang")).select_by_value("zh")
        self.text_appears("#tab-workbench", "坐席工作台")
        self.shot("12-chinese")
        Select(self.driver.find_element(By.ID, "lang")).select_by_value("en")
        self.text_appears("#tab-workbench", "Workbench")

    def test_09_error_and_retry_banner(self):
        self.pane("search")
        self.driver.execute_script("document.getElementById('search-mode').add(new Option('nonsense', 'nonsense'))")
        Select(self.driver.find_element(By.ID, "search-mode")).select_by_value("nonsense")
        self.find("#search-q").send_keys("warranty", Keys.ENTER)
        self.find("#errors .error")
        self.server.stop()
        self.click("#tab-dashboard")  # the page stays; its API calls now fail
        self.find("#banner")
        self.text_appears("#banner-text", "cannot be reached")
        self.shot("13-server-down")


if __name__ == "__main__":
    unittest.main(verbosity=2)
