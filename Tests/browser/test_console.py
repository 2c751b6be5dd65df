"""Browser tests of the web console: headless Chromium driven by Selenium.

Starts `switchboard serve` on a free loopback port with a temporary data folder that has
Knowledge/ imported and one API key per role, then walks through the console the way people use
it: sign in (a bad key is refused), import a file and find it, run a conversation with
suggestions over Server-Sent Events, accept one, turn a gap cluster into a FAQ, view the graph,
edit a campaign (a bad condition is shown at the form, a good one saves), replay a transcript
with its timing and close it (scorecard and ticket), the dashboard, what each role sees (agent,
editor, bot), switch the language, and see the retry banner once the server is gone. One screenshot per screen goes to SCREENSHOT_DIR
(default .build/browser-screenshots). Run with scripts/test-browser.sh.

Environment: SWITCHBOARD_BIN (the binary, required), SWITCHBOARD_CONFIG (a config file, e.g. one whose
server.console_directory points at another copy of the console), SWITCHBOARD_IMPORT_BIN (the binary that imports
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

ROLES = ["admin", "editor", "agent", "bot"]

# A call replayed with its timing (ts: seconds from the start): a greeting, then a complaint about a
# recurring fault, which the close turns into a ticket.
TRANSCRIPT = "\n".join(json.dumps(t) for t in [
    {"speaker": "agent", "text": "Hello, thank you for calling Lanto, how can I help you?", "ts": 0},
    {"speaker": "customer", "text": "My E7 shows a battery fault warning again and I am really angry, this is the third time!", "ts": 1.5},
    {"speaker": "agent", "text": "I am sorry about that. Please stop safely; I will book an inspection at your nearest service centre.", "ts": 3},
    {"speaker": "customer", "text": "Fine, but I want someone to call me back today.", "ts": 4.5},
])
REPLAY_SPEED = 1.5

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
    """The switchboard binary serving a temporary data folder, with one API key per role."""

    def __init__(self):
        self.binary = os.environ.get("SWITCHBOARD_BIN")
        if not self.binary or not Path(self.binary).is_file():
            raise unittest.SkipTest("set SWITCHBOARD_BIN to the switchboard binary")
        self.data = Path(tempfile.mkdtemp(prefix="switchboard-browser-"))
        self.log = open(self.data / "server.log", "w")
        knowledge = os.environ.get("SWITCHBOARD_KNOWLEDGE", "Knowledge")
        started = time.time()
        importer = os.environ.get("SWITCHBOARD_IMPORT_BIN") or self.binary
        db = str(self.data / "db")
        subprocess.run([importer, "import", knowledge, "--data", db], cwd=ROOT, check=True,
                       stdout=self.log, stderr=subprocess.STDOUT)
        print(f"imported {knowledge} in {time.time() - started:.1f} s")
        self.keys = {}
        for role in ROLES:
            out = subprocess.run([self.binary, "keys", "create", "--role", role, "--name", f"browser-{role}", "--data", db, "--json"],
                                 cwd=ROOT, check=True, capture_output=True, text=True).stdout
            self.keys[role] = json.loads(out)["key"]
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port), "--data", db],
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

    def call(self, method, path, body=None, role="admin"):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"}
        if role:
            headers["Authorization"] = "Bearer " + self.keys[role]
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
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

    def visible(self, css):
        return any(e.is_displayed() for e in self.driver.find_elements(By.CSS_SELECTOR, css))

    def open(self, hash_=""):
        self.driver.get(self.server.base + "/console/" + hash_)
        self.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))

    def sign_in(self, role, hash_=""):
        """Signs in through the form with the key of `role` (signing out first when another role is in)."""
        self.open()
        if self.driver.execute_script("return document.body.dataset.role") != role:
            self.driver.execute_script("sessionStorage.clear()")
            self.open()
            key = self.find("#key")
            key.clear()
            key.send_keys(self.server.keys[role], Keys.ENTER)
            self.wait.until(lambda d: d.execute_script("return document.body.dataset.role") == role)
        if hash_:
            self.open(hash_)

    def pane(self, name):
        self.sign_in("admin", "#knowledge")
        self.click(f".subnav button[data-pane={name}]")
        self.find(f"#pane-{name}")

    # The walk.
    def test_00_static_files(self):
        status, headers, body = self.server.call("GET", "/console/", role=None)
        self.assertEqual(status, 200)
        self.assertIn("text/html", headers["Content-Type"])
        self.assertIn(b"app.js", body)
        for name, kind in [("app.js", "text/javascript"), ("sse.js", "text/javascript"), ("style.css", "text/css")]:
            status, headers, _ = self.server.call("GET", "/console/" + name, role=None)
            self.assertIn(kind, headers["Content-Type"])
        for bad in ["/console/..%2FServer.swift", "/console/%2E%2E", "/console/.hidden.js", "/console/nothere.js"]:
            with self.assertRaises(urllib.error.HTTPError) as e:
                self.server.call("GET", bad, role=None)
            self.assertEqual(e.exception.code, 404, bad)

    def test_01_sign_in_and_first_paint(self):
        self.driver.get(self.server.base + "/")  # redirects to /console/
        self.find("#signin")
        self.shot("01-sign-in")
        self.find("#key").send_keys("sb_nothere_notakey", Keys.ENTER)
        self.text_appears("#signin-error", "401")
        self.assertTrue(self.find("#signin").is_displayed())
        self.sign_in("admin")
        self.find("#workbench")
        self.assertIn("admin", self.find("#who").text)
        # First paint and page weight, fresh load of the workbench.
        self.driver.get(self.server.base + "/console/#workbench")
        self.find("#conv-new")
        paint = self.driver.execute_script(
            "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : null")
        weight = self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return performance.getEntriesByType('resource').reduce((s, r) => s + (r.encodedBodySize || 0), n ? n.encodedBodySize : 0)")
        files = self.driver.execute_script("return performance.getEntriesByType('resource').length + 1")
        print(f"first contentful paint {paint:.0f} ms, page weight {weight} bytes in {files} files")
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
        # A file the server cannot read: its own error, next to its name.
        bad = self.server.data / "notes.xyz"
        bad.write_text("not a known format")
        field.send_keys(str(bad))
        self.text_appears('#uploads li[data-name="notes.xyz"][data-result="failed"]', "unknown_format")
        self.shot("03-import")
        self.click(".subnav button[data-pane=search]")
        box = self.find("#search-q")
        box.send_keys("Zephyrine coolant flush", Keys.ENTER)
        self.text_appears("#search-results", "zephyrine-coolant.md")
        self.find("#search-results .explain")
        self.shot("04-search-explain")
        # A misspelt word is mended, and the list says what was searched.
        box.clear()
        box.send_keys("Zephyrine coolent flush", Keys.ENTER)
        self.text_appears("#search-results li.corrected", "Zephyrine coolant flush")
        self.text_appears("#search-results", "zephyrine-coolant.md")
        self.click(".subnav button[data-pane=documents]")
        self.click('#docs button.doc[data-name="zephyrine-coolant.md"]')
        self.text_appears("#chunks .chunk", "60,000 km")

    def test_03_conversation_suggestions_over_sse(self):
        self.sign_in("admin", "#workbench")
        # The first customer of the knowledge, and an offer every customer with a vehicle is eligible for
        # (the knowledge's own offers depend on the month and the intent): a next-best action with its reason.
        _, _, body = self.server.call("GET", "/v1/customers?limit=1")
        customer = json.loads(body)["customers"][0]["id"]
        self.server.call("POST", "/v1/campaigns", {"id": "CMP-BROWSER-NBA", "name": "Browser check-up offer", "priority": 1,
                                                   "condition": "vehicle.age_years >= 0", "script": {"en": "A free check-up?"}})
        self.find("#conv-customer").send_keys(customer)
        self.click("#conv-new")
        self.wait.until(lambda d: d.find_element(By.ID, "conv-live").is_displayed())
        self.text_appears("#conv-customer-info", customer)
        Select(self.driver.find_element(By.ID, "turn-speaker")).select_by_value("customer")
        text = self.find("#turn-text")
        text.send_keys("How long does the E7 take to charge at home?", Keys.ENTER)
        self.find('#transcript li[data-via~="sse"]')
        self.find("#suggestions li.suggestion")
        self.find("#intent-name")
        self.find("#sentiment svg")
        self.assertIn("vehicle.age_years", self.find('#actions li.action[data-campaign="CMP-BROWSER-NBA"] .reason').text)
        self.shot("05-conversation")
        self.click("#suggestions li.suggestion button.accept")
        self.text_appears("#suggestions .status", "accepted")
        self.find('#transcript li.agent[data-via~="sse"]')
        entities = self.driver.find_elements(By.CSS_SELECTOR, "#entities button.chip")
        if entities:
            entities[0].click()
            self.find("#entity-card .entity-card")
        self.click("#conv-close")
        self.find("#summary h2")
        self.find("#summary-text")
        self.find("#scorecard-score")
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

    def test_07_campaign_condition_error_then_save(self):
        self.pane("campaigns")
        self.find("#campaigns-list li")
        self.click("#campaigns-new")
        self.find("#campaigns-f-id").send_keys("CMP-BROWSER")
        self.find("#campaigns-f-name").send_keys("Browser test offer")
        condition = self.find("#campaigns-f-condition")
        condition.send_keys("vehicle.age_years >= and")
        self.find("#campaigns-f-script_en").send_keys("We have an offer for your car.")
        self.click("#campaigns-save")
        self.text_appears("#campaigns-err-condition", "invalid_condition")
        self.assertIn("offset", self.find("#campaigns-err-condition").text)
        self.assertEqual(condition.get_attribute("aria-invalid"), "true")
        self.shot("11-campaign-error")
        condition.clear()
        condition.send_keys("vehicle.age_years >= 3")
        self.click("#campaigns-save")
        self.text_appears("#campaigns-status", "Saved: CMP-BROWSER")
        self.assertEqual(self.driver.find_element(By.ID, "campaigns-error").text, "")
        self.find('#campaigns-list button.record[data-id="CMP-BROWSER"]')
        _, _, body = self.server.call("GET", "/v1/campaigns/CMP-BROWSER")
        self.assertEqual(json.loads(body)["condition"], "vehicle.age_years >= 3")
        self.shot("12-campaign-saved")
        # A QA rule whose regex does not compile: invalid_rule at its pattern.
        self.click(".subnav button[data-pane=rules]")
        self.find("#rules-list li")
        self.click("#rules-new")
        self.find("#rules-f-id").send_keys("QA-BROWSER")
        self.find("#rules-f-name").send_keys("No promises")
        Select(self.driver.find_element(By.ID, "rules-f-type")).select_by_value("forbidden")
        self.find("#rules-f-patterns").send_keys("we promise", Keys.ENTER, "re:(guarantee")
        self.click("#rules-save")
        self.text_appears("#rules-err-patterns", "invalid_rule")
        self.assertIn("patterns[1]", self.find("#rules-err-patterns").text)

    def test_07b_intents_replies_synonyms(self):
        # An intent: a new label with two examples, then its examples replaced.
        self.pane("intents")
        self.find("#intents-list li")
        self.click("#intents-new")
        self.find("#intents-f-label").send_keys("browser_ferry")
        self.find("#intents-f-examples").send_keys("can I take my car on a ferry", Keys.ENTER, "ferry crossing with an EV")
        self.click("#intents-save")
        self.text_appears("#intents-status", "Saved: browser_ferry")
        _, _, body = self.server.call("GET", "/v1/intents/browser_ferry")
        self.assertEqual(sorted(e["text"] for e in json.loads(body)["examples"]),
                         ["can I take my car on a ferry", "ferry crossing with an EV"])
        # A reply script for it.
        self.click(".subnav button[data-pane=replies]")
        self.find("#replies-list li")
        self.click("#replies-new")
        self.find("#replies-f-id").send_keys("RPL-BROWSER")
        self.find("#replies-f-intent").send_keys("browser_ferry")
        self.find("#replies-f-stage").send_keys("answer")
        Select(self.driver.find_element(By.ID, "replies-f-lang")).select_by_value("en")
        self.find("#replies-f-text").send_keys("Yes, {name}, car ferries take the E7.")
        self.click("#replies-save")
        self.text_appears("#replies-status", "Saved: RPL-BROWSER")
        # A synonym group; one term is refused (fewer than two terms) before.
        self.click(".subnav button[data-pane=synonyms]")
        self.find("#synonyms-list li")
        self.click("#synonyms-new")
        terms = self.find("#synonyms-f-terms")
        terms.send_keys("ferry")
        self.click("#synonyms-save")
        self.wait.until(lambda d: d.find_element(By.ID, "synonyms-error").text.startswith("400"))
        terms.send_keys(Keys.ENTER, "car ferry")
        self.click("#synonyms-save")
        self.text_appears("#synonyms-status", "Saved")
        self.shot("12b-synonyms")

    def test_08_transcript_replay_and_close(self):
        self.sign_in("admin", "#workbench")
        self.click("#replay summary")
        box = self.find("#replay-text")
        self.driver.execute_script("arguments[0].value = arguments[1]", box, TRANSCRIPT)
        speed = self.find("#replay-speed")
        speed.clear()
        speed.send_keys(str(REPLAY_SPEED))
        started = time.time()
        self.click("#replay-start")
        self.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#transcript li")) == 4)
        elapsed = time.time() - started
        expected = 4.5 / REPLAY_SPEED
        print(f"replayed 4 turns in {elapsed:.1f} s (transcript 4.5 s at ×{REPLAY_SPEED} = {expected:.1f} s)")
        self.assertGreaterEqual(elapsed, expected - 0.2)
        self.text_appears("#replay-status", "4")
        self.find('#transcript li.customer[data-via~="sse"]')
        self.shot("13-replay")
        self.click("#conv-close")
        self.find("#scorecard")
        self.find("#ticket")
        self.assertTrue(self.find("#ticket-priority").text)
        self.assertTrue(self.find("#ticket-department").text)
        self.shot("14-close-scorecard-ticket")
        self.assertEqual(self.errors(), [])

    def test_09_dashboard(self):
        self.sign_in("admin", "#dashboard")
        self.find('#kpis .kpi[data-kpi="answer_rate"]')
        self.find("#chart-hours svg.columns")
        self.find("#chart-rates svg")
        self.find("#chart-intents svg")
        self.shot("15-dashboard")

    def test_10_roles(self):
        # An agent: the workbench (with search), no knowledge editor, no dashboard; SSE works with its key.
        self.sign_in("agent", "#knowledge")
        self.find("#workbench")
        self.assertFalse(self.visible("#tab-knowledge"))
        self.assertFalse(self.visible("#tab-dashboard"))
        self.assertFalse(self.visible("#knowledge"))
        self.click("#conv-new")
        self.find("#turn-text").send_keys("Where can I charge my E7?", Keys.ENTER)
        self.find('#transcript li[data-via~="sse"]')
        self.find("#wb-search-q").send_keys("charging", Keys.ENTER)
        self.find("#wb-search-results li.hit")
        self.driver.execute_script("window.scrollTo(0, 0)")
        self.shot("16-role-agent")
        # An editor: knowledge and dashboard, no workbench.
        self.sign_in("editor", "#workbench")
        self.find("#knowledge")
        self.assertFalse(self.visible("#tab-workbench"))
        self.assertFalse(self.visible("#workbench"))
        self.assertTrue(self.visible("#tab-dashboard"))
        self.shot("17-role-editor")
        # A bot: a clear message.
        self.sign_in("bot")
        self.find("#noaccess")
        self.assertFalse(self.visible("#workbench"))
        self.assertFalse(self.visible("#knowledge"))
        self.shot("18-role-bot")
        self.assertEqual(self.errors(), [])

    def test_11_language_switch(self):
        self.sign_in("admin", "#workbench")
        Select(self.driver.find_element(By.ID, "lang")).select_by_value("zh")
        self.text_appears("#tab-workbench", "坐席工作台")
        self.shot("19-chinese")
        Select(self.driver.find_element(By.ID, "lang")).select_by_value("en")
        self.text_appears("#tab-workbench", "Workbench")

    def test_99_error_and_retry_banner(self):
        self.pane("search")
        self.driver.execute_script("document.getElementById('search-mode').add(new Option('nonsense', 'nonsense'))")
        Select(self.driver.find_element(By.ID, "search-mode")).select_by_value("nonsense")
        self.find("#search-q").send_keys("warranty", Keys.ENTER)
        self.find("#errors .error")
        self.server.stop()
        self.click("#tab-dashboard")  # the page stays; its API calls now fail
        self.find("#banner")
        self.text_appears("#banner-text", "cannot be reached")
        self.shot("20-server-down")


if __name__ == "__main__":
    unittest.main(verbosity=2)
