"""The README's university-hub recipe, end to end, on a real JupyterHub running on this machine.

What runs (every server on 127.0.0.1 at a free port, started and stopped by this test; each wait is bounded):
- JupyterHub from PyPI (requirements-dev.txt) with configurable-http-proxy from npm (tests/hub/package.json),
  DummyAuthenticator with allow_all, SimpleLocalProcessSpawner (one home folder per user in a temporary
  folder) and, as single-user servers, this environment's jupyterhub-singleuser (JupyterLab, nbgitpuller,
  the course's pins and the pkru package). CI runs as root, so the servers get --allow-root.
- The course, served from a local bare git repository that the test makes from the current checkout
  (HEAD plus uncommitted changes to tracked files).

What happens, all through the hub's proxy, as a browser would do it (cookies, XSRF tokens, the
nbgitpuller page's own sync request, the kernel websocket):
1. Three learners log in and follow the README's nbgitpuller link (its exact text, with this hub and the
   local repository filled in): the course is cloned into their home, JupyterLab opens at the start
   notebook, and the notebook runs cell by cell in a kernel of their single-user server. Each learner
   answers the first quiz question in the quiz widget (radio button and "Check answer", sent over the
   widget's comm like JupyterLab does), makes a work copy (`pkru.progress.my_copy("00")`), writes in it,
   exports their scores (`pkru.pooling.export_scores`) and edits the start notebook itself (a note of
   their own; the third learner also rewrites the line that the instructor will change).
2. The instructor pushes an update to the repository: two edits in the start notebook, one in the
   exercise notebook, a new file.
3. The learners follow the link again. The update arrives (the new file, the edited exercise notebook,
   the start notebook's edits where the learner did not change the same line) and nothing of the
   learners' is lost: their notes, the third learner's version of the shared line (nbgitpuller merges
   with -Xours), the work copy and its edit, the progress file, the export. The merged notebook runs.
4. An instructor account follows the same link and runs instructors/class_pooling.ipynb on the learners'
   exports (copied into one folder, as learners would hand them in), which reads all three.

Not tested here: Kubernetes / Zero to JupyterHub, real authentication, users separated by system accounts,
https, a real browser on the hub (the browser tests cover JupyterLab and Voila themselves).

Needs git, Node.js and configurable-http-proxy (`cd tests/hub && npm ci`), and jupyterhub + nbgitpuller
in this environment (requirements-dev.txt). Without them the test is skipped, unless HUB_TESTS=required
(CI), which turns the skip into a failure. HUB_TESTS=skip skips it on purpose. Wall time: BENCHMARKS.md.
"""
from __future__ import annotations

import concurrent.futures
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import uuid
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT
from servers import Proc, free_port, tail

HUB_DIR = ROOT / "tests" / "hub"
BIN = Path(sys.executable).parent
FOLDER = "from-tension-to-cooperation"  # the repository's name: nbgitpuller clones into a folder of that name
LEARNERS = ["amina", "bilal", "chen"]
INSTRUCTOR = "instructor"
START = "notebooks/00_start_here.ipynb"
HTTP_TIMEOUT_S = 60
SPAWN_TIMEOUT_S = 180
CELL_TIMEOUT_S = 120
HOW_TO_ENABLE = ("install Node.js and git, then: cd tests/hub && npm ci; "
                 "python3 scripts/course.py setup (installs jupyterhub and nbgitpuller from requirements-dev.txt)")
# The instructor's update (a throw-away commit in the test's repository, never in the course)
UPDATE_TOP = "INSTRUCTOR UPDATE 1: read the first two sections before the seminar."
UPDATE_END = "INSTRUCTOR UPDATE 2: bring one question about the timeline."
UPDATE_EXERCISE = "INSTRUCTOR UPDATE 3: a hint added to the exercises."
NEW_FILE = "notebooks/SEMINAR_UPDATE.md"


# ---------------------------------------------------------------------------------------------- set-up
def _chp() -> Path | None:
    local = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return local
    found = shutil.which("configurable-http-proxy")
    return Path(found) if found else None


def _missing() -> str | None:
    """Why the hub test cannot run here, or None when it can."""
    for tool in ("git", "node"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    for exe in ("jupyterhub", "jupyterhub-singleuser"):
        if not (BIN / exe).exists():
            return f"{exe} is not installed in {BIN} (requirements-dev.txt)"
    try:
        import nbgitpuller  # noqa: F401
        import websocket  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (requirements-dev.txt)"
    if not (ROOT / ".git").exists():
        return "the course folder is not a git checkout, so no repository can be served from it"
    if _chp() is None:
        npm = shutil.which("npm")
        if not npm:
            return "configurable-http-proxy is missing (tests/hub/node_modules) and npm is not installed"
        proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HUB_DIR,
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or _chp() is None:
            return f"`npm ci` in tests/hub failed: {(proc.stderr or proc.stdout).strip()[-500:]}"
    return None


def _git(*args, cwd, **kw) -> str:
    proc = subprocess.run(["git", "-c", "user.name=Course test", "-c", "user.email=test@localhost", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120, **kw)
    assert proc.returncode == 0, f"git {' '.join(args)} (in {cwd}) failed:\n{proc.stderr}"
    return proc.stdout.strip()


def make_course_repository(tmp: Path) -> Path:
    """A bare repository with branch main = this checkout (HEAD plus uncommitted changes to tracked files)."""
    bare = tmp / "remote" / FOLDER
    bare.parent.mkdir(parents=True)
    _git("init", "-q", "--bare", "--initial-branch=main", str(bare), cwd=tmp)
    _git("config", "receive.shallowUpdate", "true", cwd=bare)  # CI's clone may be shallow
    commit = _git("stash", "create", cwd=ROOT) or _git("rev-parse", "HEAD", cwd=ROOT)
    _git("push", "-q", str(bare), f"{commit}:refs/heads/main", cwd=ROOT)
    return bare


def readme_link(hub_url: str, repo_url: str) -> str:
    """The README's nbgitpuller link, exactly as documented, with this hub and repository filled in."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```\n(https://<your-hub>/hub/user-redirect/git-pull\?[^\n]+)\n```", text)
    assert m, "README.md: the hub section no longer shows the nbgitpuller link in a ``` block"
    link = m.group(1)
    for placeholder in ("<url-encoded repository URL>", "<repository folder>"):
        assert placeholder in link, f"README.md's nbgitpuller link lost its {placeholder} part: {link}"
    link = (link.replace("https://<your-hub>", hub_url)
            .replace("<url-encoded repository URL>", urllib.parse.quote(repo_url, safe=""))
            .replace("<repository folder>", FOLDER))
    assert "<" not in link and ">" not in link, f"a placeholder is left in {link}"
    return link


HUB_CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {spawn_timeout}
c.Spawner.http_timeout = {spawn_timeout}
"""


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if os.environ.get("HUB_TESTS") == "skip":
        pytest.skip("HUB_TESTS=skip")
    reason = _missing()
    if reason:
        msg = f"hub test not run: {reason}. To enable it: {HOW_TO_ENABLE}"
        if os.environ.get("HUB_TESTS") == "required":
            pytest.fail(msg + " (HUB_TESTS=required)")
        pytest.skip(msg)
    tmp = tmp_path_factory.mktemp("hub")
    bare = make_course_repository(tmp)
    port = free_port()
    args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    config = tmp / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(
        port=port, hub_port=free_port(), proxy_api_port=free_port(), chp=str(_chp()),
        proxy_pid=str(tmp / "proxy.pid"), db_url=f"sqlite:///{tmp / 'jupyterhub.sqlite'}",
        cookie_secret=str(tmp / "cookie_secret"), home=str(tmp / "home"),
        singleuser=str(BIN / "jupyterhub-singleuser"), args=args, spawn_timeout=SPAWN_TIMEOUT_S))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PKRU_WORK", "PKRU_ROOT"))}
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    t0 = time.monotonic()
    proc = Proc("JupyterHub", [BIN / "jupyterhub", "-f", config], tmp / "hub.log", cwd=tmp, env=env)
    try:
        proc.wait_for_log(r"JupyterHub is now running at", timeout=120)
        print(f"[hub] JupyterHub up in {time.monotonic() - t0:.1f} s")
        yield {"url": f"http://127.0.0.1:{port}", "home": tmp / "home", "bare": bare, "tmp": tmp, "proc": proc}
    finally:
        proc.stop(grace=15)


# ---------------------------------------------------------------------------------------------- clients
class User:
    """One person's browser session on the hub: cookies, the hub's login form, the single-user server's
    XSRF token for API calls, and kernels over websockets."""

    def __init__(self, hub: dict, name: str):
        import requests

        self.hub, self.name = hub, name
        self.s = requests.Session()
        self.base = f"{hub['url']}/user/{name}/"
        self.home = hub["home"] / name
        self.course = self.home / FOLDER

    def fail(self, what: str) -> AssertionError:
        return AssertionError(f"{self.name}: {what}\n--- hub log (last lines) ---\n{tail(self.hub['proc'].log, 30)}")

    def get(self, url: str, **kw):
        return self.s.get(url, timeout=HTTP_TIMEOUT_S, **kw)

    def follow(self, link: str) -> str:
        """Follow an nbgitpuller link as a browser would; return the URL the page's script ends on."""
        deadline = time.monotonic() + SPAWN_TIMEOUT_S
        r = self.get(link)
        while time.monotonic() < deadline:
            path = urllib.parse.urlparse(r.url).path
            if r.status_code == 200 and path.endswith("/hub/login"):
                r = self._login(r)
            elif path.startswith(f"/hub/spawn-pending/{self.name}") or (
                    r.status_code in (424, 503) and path.startswith(f"/hub/user/{self.name}/")):
                # the server is starting (or not running: the page's "Launch" link starts it)
                launch = re.search(r'href="(/hub/spawn/[^"]+)"', r.text)
                time.sleep(0.5)
                r = self.get(self.hub["url"] + unescape(launch.group(1)) if launch and r.status_code != 200
                             else r.url)
            elif r.status_code == 200 and path == f"/user/{self.name}/git-pull":
                return self._sync(r)
            else:
                raise self.fail(f"unexpected page while following the link: HTTP {r.status_code} {r.url}\n"
                                f"{r.text[:1500]}")
        raise self.fail(f"the link did not reach nbgitpuller within {SPAWN_TIMEOUT_S} s (last: {r.url})")

    def _login(self, page):
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
        assert xsrf, f"no _xsrf field on the login page:\n{page.text[:1000]}"
        r = self.s.post(page.url, data={"username": self.name, "password": "any", "_xsrf": unescape(xsrf.group(1))},
                        timeout=HTTP_TIMEOUT_S)
        if urllib.parse.urlparse(r.url).path.endswith("/hub/login"):
            raise self.fail(f"login failed: HTTP {r.status_code}\n{r.text[:1000]}")
        return r

    def _sync(self, page) -> str:
        """Do what nbgitpuller's page does (static/js/gitsync.js): read its data-* attributes, open the sync
        event stream git-pull/api?_xsrf=…&repo=…&targetpath=…&branch=…, then go to base-url + path."""
        body = re.search(r"<body([^>]*)>", page.text, re.S)
        assert body, page.text[:1000]
        data = {k: urllib.parse.unquote(unescape(v)) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(1))}
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        for optional in ("depth", "branch", "backup"):
            if optional in data:
                params[optional] = data[optional]
        api = self.hub["url"] + data["base-url"] + "git-pull/api?" + urllib.parse.urlencode(params)
        events, finished = [], False
        with self.s.get(api, stream=True, timeout=HTTP_TIMEOUT_S) as r:
            assert r.status_code == 200, self.fail(f"git-pull/api: HTTP {r.status_code} {r.text[:500]}")
            for line in r.iter_lines(decode_unicode=True):
                if line and line.startswith("data: "):
                    ev = json.loads(line[len("data: "):])
                    events.append(ev)
                    if ev.get("phase") == "error":
                        raise self.fail(f"nbgitpuller failed: {ev.get('message')}\n{ev.get('output', '')}")
                    if ev.get("phase") == "finished":
                        finished = True
                        break
        assert finished, self.fail(f"the sync stream ended without 'finished': {events[-3:]}")
        target = self.hub["url"] + data["base-url"] + data["path"]
        r = self.get(target)
        if r.status_code != 200 or 'id="jupyter-config-data"' not in r.text:
            raise self.fail(f"after the sync, {target} is not a JupyterLab page: HTTP {r.status_code}")
        self.pull_log = "".join(ev.get("output", "") for ev in events)
        return target

    def xsrf(self) -> str:
        token = self.s.cookies.get("_xsrf", path=f"/user/{self.name}/")
        assert token, self.fail("no _xsrf cookie from the single-user server")
        return token

    def api(self, method: str, path: str, **kw):
        r = self.s.request(method, self.base + path, headers={"X-XSRFToken": self.xsrf()},
                           timeout=HTTP_TIMEOUT_S, **kw)
        if r.status_code >= 400:
            raise self.fail(f"{method} {path}: HTTP {r.status_code} {r.text[:800]}")
        return r

    def read_notebook(self, path: str) -> dict:
        return self.api("GET", f"api/contents/{FOLDER}/{path}", params={"content": "1"}).json()["content"]

    def save_notebook(self, path: str, nb: dict) -> None:
        """Save as JupyterLab does: PUT the notebook model to the contents API."""
        self.api("PUT", f"api/contents/{FOLDER}/{path}", json={"type": "notebook", "format": "json", "content": nb})

    def kernel(self, path: str) -> "Kernel":
        return Kernel(self, path)


class Kernel:
    """A kernel of the user's single-user server, started for a notebook (POST api/sessions, as JupyterLab
    does when it opens one) and driven over its websocket with the Jupyter messaging protocol."""

    def __init__(self, user: User, path: str):
        import requests
        import websocket

        self.user = user
        self.session = uuid.uuid4().hex
        model = user.api("POST", "api/sessions", json={
            "path": f"{FOLDER}/{path}", "name": Path(path).name, "type": "notebook",
            "kernel": {"name": "python3"}}).json()
        self.session_id, kid = model["id"], model["kernel"]["id"]
        url = user.base.replace("http://", "ws://") + f"api/kernels/{kid}/channels?session_id={self.session}"
        cookie = requests.cookies.get_cookie_header(user.s.cookies, requests.Request("GET", user.base + "api/kernels"))
        self.ws = websocket.create_connection(url, header=[f"Cookie: {cookie}"], timeout=HTTP_TIMEOUT_S)
        self.comms: dict[str, dict] = {}  # widget models the kernel opened: comm_id -> state

    def _send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.user.name,
                       "session": self.session, "date": datetime.datetime.now(datetime.UTC).isoformat(),
                       "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def _collect(self, msg_id: str, what: str, reply: bool = True, timeout: float = CELL_TIMEOUT_S) -> list[dict]:
        """Every iopub message answering msg_id, until the kernel is idle again (and, when `reply`, the
        shell reply has come: an execute_request has one, a comm_msg none)."""
        import websocket

        deadline = time.monotonic() + timeout
        got, idle, self.reply = [], False, None
        while not (idle and (self.reply is not None or not reply)):
            left = deadline - time.monotonic()
            if left <= 0:
                raise self.user.fail(f"no answer within {timeout:.0f} s to {what}")
            # short reads: the server's websocket pings would restart a long socket timeout indefinitely
            self.ws.settimeout(min(left, 5))
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            kind, c = msg["header"]["msg_type"], msg["content"]
            if kind == "comm_open":  # keep the widget models' state, as the front end's widget manager does
                self.comms[c["comm_id"]] = dict(c.get("data", {}).get("state", {}))
            elif kind == "comm_msg" and c.get("data", {}).get("method") == "update":
                self.comms.setdefault(c["comm_id"], {}).update(c["data"].get("state", {}))
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["channel"] == "iopub":
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif kind != "status":
                    got.append(msg)
            elif msg["channel"] == "shell":
                self.reply = msg["content"]
        return got

    def run(self, code: str, what: str) -> tuple[str, list[dict]]:
        """Execute code; fail with the traceback if it raises. Returns the text of its outputs and the
        outputs as a notebook stores them."""
        msgs = self._collect(self._send("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True}), what)
        errors = [m["content"] for m in msgs if m["header"]["msg_type"] == "error"]
        if errors or self.reply.get("status") != "ok":
            tb = "\n".join(re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(e.get("traceback", []))) for e in errors)
            raise self.user.fail(f"{what} failed: {self.reply.get('ename')}: {self.reply.get('evalue')}\n{tb}")
        text, outputs = [], []
        for m in msgs:
            c, kind = m["content"], m["header"]["msg_type"]
            if kind == "stream":
                text.append(c["text"])
                outputs.append({"output_type": "stream", "name": c["name"], "text": c["text"]})
            elif kind in ("execute_result", "display_data"):
                text.append(c["data"].get("text/plain", ""))
                out = {"output_type": kind, "data": c["data"], "metadata": c.get("metadata", {})}
                if kind == "execute_result":
                    out["execution_count"] = c["execution_count"]
                outputs.append(out)
        return "".join(text), outputs

    def run_notebook(self, nb: dict, label: str) -> list[str]:
        """Every code cell, top to bottom, as Run All does; the outputs go into `nb` as JupyterLab keeps
        them (so a save afterwards writes them, as a learner's save does). Returns each cell's text."""
        texts = []
        for i, c in enumerate(nb["cells"]):
            if c["cell_type"] == "code":
                src = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                text, c["outputs"] = self.run(src, f"{label}, code cell {i}")
                c["execution_count"] = self.reply.get("execution_count")
                texts.append(text)
        return texts

    def comm(self, comm_id: str, data: dict, what: str) -> list[dict]:
        """A message from the front end to a widget (what JupyterLab sends when a learner clicks)."""
        return self._collect(self._send("shell", "comm_msg", {"comm_id": comm_id, "data": data}), what, reply=False)

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.user.api("DELETE", f"api/sessions/{self.session_id}")


def _quiz_first_question(kernel: Kernel) -> tuple[str, str, str, list[str]]:
    """(radio, button, feedback) comm ids and the options of the first question of the quiz just shown."""
    boxes = [(cid, st) for cid, st in kernel.comms.items()
             if st.get("_model_name") == "VBoxModel" and "pkru-quiz-question" in st.get("_dom_classes", [])]
    assert boxes, kernel.user.fail("the quiz cell opened no question widgets")
    first = next(st for _, st in boxes if any(
        kernel.comms.get(ch.removeprefix("IPY_MODEL_"), {}).get("description") == "Answer 1:" for ch in st["children"]))
    prompt, radio, button, feedback = (ch.removeprefix("IPY_MODEL_") for ch in first["children"])
    return radio, button, feedback, kernel.comms[radio]["_options_labels"]


def answer_quiz(kernel: Kernel, choice_index: int) -> str:
    """Pick an option of question 1 and press "Check answer", over the widgets' comms; the feedback shown."""
    radio, button, feedback, _ = _quiz_first_question(kernel)
    kernel.comm(radio, {"method": "update", "state": {"index": choice_index}, "buffer_paths": []}, "choosing an answer")
    msgs = kernel.comm(button, {"method": "custom", "content": {"event": "click"}}, "pressing Check answer")
    shown = [m["content"]["data"]["state"]["value"] for m in msgs if m["header"]["msg_type"] == "comm_msg"
             and m["content"]["comm_id"] == feedback and "value" in m["content"]["data"].get("state", {})]
    assert shown, kernel.user.fail("pressing Check answer changed no feedback")
    return unescape(re.sub(r"<[^>]+>", "", shown[-1])).replace("✓", "").replace("✗", "").strip()


def md_cell(text: str) -> dict:
    return {"cell_type": "markdown", "id": uuid.uuid4().hex[:8], "metadata": {}, "source": text}


# ---------------------------------------------------------------------------------------------- the test
def test_a_class_on_jupyterhub_with_nbgitpuller(hub):
    t_start = time.monotonic()
    repo_url = hub["bare"].as_uri()
    link = readme_link(hub["url"], repo_url)
    quiz = json.loads((ROOT / "data" / "quizzes" / "00_start_here.json").read_text(encoding="utf-8"))
    q1 = quiz["questions"][0]
    right = q1["options"].index(q1["answer"])
    wrong = (right + 1) % len(q1["options"])
    start_nb = json.loads((ROOT / START).read_text(encoding="utf-8"))
    shared_line = next(c for c in start_nb["cells"] if c["cell_type"] == "markdown"
                       and "course-header" not in c["metadata"].get("tags", []))["source"][0]  # "## Welcome\n"
    users = {name: User(hub, name) for name in LEARNERS}

    # 1. each learner: link -> clone -> JupyterLab at the start notebook -> run it -> quiz, work copy, export, edit
    def first_visit(u: User) -> dict:
        landed = u.follow(link)
        assert landed.endswith(f"/user/{u.name}/lab/tree/{FOLDER}/{START}"), landed
        assert (u.course / START).is_file() and (u.course / ".git").is_dir(), u.fail("the course was not cloned")
        assert (u.home / FOLDER).resolve() == u.course.resolve()
        k = u.kernel(START)
        try:
            nb = u.read_notebook(START)
            outs = k.run_notebook(nb, f"{START}")
            assert any(" events from " in o for o in outs), u.fail(f"the setup cell printed nothing: {outs[:2]}")
            first_choice = wrong if u.name == "bilal" else right
            feedback = answer_quiz(k, first_choice)
            assert feedback.startswith("Not quite" if first_choice == wrong else "Correct"), u.fail(feedback)
            if first_choice == wrong:
                assert answer_quiz(k, right).startswith("Correct")
            out, _ = k.run('import pkru\ncopy = pkru.progress.my_copy("00")\nprint(copy)\n'
                        f'print(pkru.pooling.export_scores("{u.name}"))', "work copy and export")
        finally:
            k.close()
        assert Path(out.splitlines()[0]) == u.course / "work" / "00_start_here.ipynb", out
        progress = json.loads((u.course / "work" / "progress.json").read_text())
        assert progress["quizzes"]["00_start_here"][q1["id"]]["correct"] is True
        assert progress["quizzes"]["00_start_here"][q1["id"]]["first_try"] is (u.name != "bilal")
        # the learner writes in their work copy and in the start notebook (run, so with its outputs), and saves
        work = u.read_notebook("work/00_start_here.ipynb")
        work["cells"].append(md_cell(f"My answer, by {u.name}."))
        u.save_notebook("work/00_start_here.ipynb", work)
        nb["cells"].append(md_cell(f"Note by {u.name}: this is my own note."))
        if u.name == "chen":  # rewrites the very line the instructor will change
            nb["cells"][1]["source"] = nb["cells"][1]["source"].replace(shared_line.strip(), "## Welcome, chen's way", 1)
        u.save_notebook(START, nb)
        return {"work": (u.course / "work" / "00_start_here.ipynb").read_bytes(),
                "progress": (u.course / "work" / "progress.json").read_bytes(),
                "export": (u.course / "work" / "export" / f"scores_{u.name}.csv").read_bytes()}

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(len(users)) as pool:
        saved = dict(zip(users, pool.map(first_visit, users.values())))
    print(f"[hub] 3 learners: clone, run the start notebook, quiz, work copy, export: {time.monotonic() - t0:.1f} s")

    # 2. the instructor pushes an update
    inst = hub["tmp"] / "instructor-checkout"
    _git("clone", "-q", repo_url, str(inst), cwd=hub["tmp"])
    from strip_outputs import notebook_text  # the course's notebook layout (scripts/ is on sys.path: conftest)

    nb = json.loads((inst / START).read_text(encoding="utf-8"))
    welcome = next(i for i, c in enumerate(nb["cells"]) if c["source"] and c["source"][0] == shared_line)
    nb["cells"][welcome]["source"][0] = shared_line.rstrip("\n") + " — " + UPDATE_TOP + "\n"
    last_md = max(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown")
    nb["cells"][last_md]["source"][-1] = nb["cells"][last_md]["source"][-1].rstrip("\n") + "\n"
    nb["cells"][last_md]["source"].append(UPDATE_END)
    (inst / START).write_text(notebook_text(nb), encoding="utf-8")
    ex = json.loads((inst / "exercises" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    ex["cells"][0]["source"][-1] = ex["cells"][0]["source"][-1].rstrip("\n") + "\n"
    ex["cells"][0]["source"].append(UPDATE_EXERCISE)
    (inst / "exercises" / "00_start_here.ipynb").write_text(notebook_text(ex), encoding="utf-8")
    (inst / NEW_FILE).write_text("# Seminar update\n\nA file the instructor added after the first class.\n")
    _git("add", "-A", cwd=inst)
    _git("commit", "-q", "-m", "Seminar update", cwd=inst)
    _git("push", "-q", "origin", "main", cwd=inst)
    update = _git("rev-parse", "HEAD", cwd=inst)

    # 3. the learners follow the link again: the update arrives, nothing of theirs is lost
    def second_visit(u: User) -> None:
        u.follow(link)
        c = u.course
        _git("merge-base", "--is-ancestor", update, "HEAD", cwd=c)  # the update is merged
        assert (c / NEW_FILE).read_text() == (inst / NEW_FILE).read_text()
        assert (c / "exercises" / "00_start_here.ipynb").read_bytes() == \
            (inst / "exercises" / "00_start_here.ipynb").read_bytes(), u.fail("the exercise update did not arrive")
        text = (c / START).read_text(encoding="utf-8")
        nb = json.loads(text)  # still a valid notebook
        import nbformat

        nbformat.validate(nbformat.from_dict(nb))
        assert f"Note by {u.name}: this is my own note." in text, u.fail("the learner's note was lost")
        assert UPDATE_END in text, u.fail("the instructor's second edit did not arrive in the learner's notebook")
        if u.name == "chen":
            assert "## Welcome, chen's way" in text and UPDATE_TOP not in text, \
                u.fail("on the line both changed, nbgitpuller should keep the learner's version")
        else:
            assert UPDATE_TOP in text, u.fail("the instructor's first edit did not arrive")
        for name, before in saved[u.name].items():
            path = {"work": c / "work" / "00_start_here.ipynb", "progress": c / "work" / "progress.json",
                    "export": c / "work" / "export" / f"scores_{u.name}.csv"}[name]
            assert path.read_bytes() == before, u.fail(f"{path.relative_to(c)} changed with the update")
        assert f"My answer, by {u.name}." in (c / "work" / "00_start_here.ipynb").read_text()
        k = u.kernel(START)
        try:
            k.run_notebook(u.read_notebook(START), f"{START} after the update")
        finally:
            k.close()

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(len(users)) as pool:
        list(pool.map(second_visit, users.values()))
    print(f"[hub] 3 learners: update pulled, checked, start notebook re-run: {time.monotonic() - t0:.1f} s")

    # 4. the instructor pools the class's exports with the course's pooling notebook
    t0 = time.monotonic()
    teacher = User(hub, INSTRUCTOR)
    teacher.follow(link)
    handed_in = teacher.home / "class_exports"
    handed_in.mkdir()
    for u in users.values():
        shutil.copy(u.course / "work" / "export" / f"scores_{u.name}.csv", handed_in)
    pooling = teacher.read_notebook("instructors/class_pooling.ipynb")
    setup = next(c for c in pooling["cells"] if c["cell_type"] == "code")
    assert 'FOLDER = Path("sample_class")' in setup["source"], "class_pooling.ipynb: where is FOLDER set?"
    setup["source"] = setup["source"].replace('Path("sample_class")', f'Path({str(handed_in)!r})')
    k = teacher.kernel("instructors/class_pooling.ipynb")
    try:
        k.run_notebook(pooling, "instructors/class_pooling.ipynb")
        out, _ = k.run("print(pooled.report_frame().to_json(orient='records'))\n"
                    "print(pooled.scores.to_json(orient='records'))", "reading the pooled data")
    finally:
        k.close()
    report, scores = (json.loads(line) for line in out.strip().splitlines()[-2:])
    assert sorted((r["file"], r["status"]) for r in report) == sorted((f"scores_{n}.csv", "ok") for n in LEARNERS)
    got = {(s["learner"], s["notebook"], s["question_id"], s["correct"]) for s in scores}
    assert got == {(n, "00_start_here", q1["id"], 0 if n == "bilal" else 1) for n in LEARNERS}
    print(f"[hub] instructor: clone and pooling notebook: {time.monotonic() - t0:.1f} s")
    print(f"[hub] whole hub scenario: {time.monotonic() - t_start:.1f} s")
