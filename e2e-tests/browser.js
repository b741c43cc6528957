'use strict';
// Headless Chromium for the JUnit tests, through playwright-core (no browser download: the
// system's Chromium). One request per stdin line, one answer per stdout line, both JSON:
//   {"id":1,"op":"open","url":"http://..."}                     -> {"id":1,"ok":true,"value":"p1"}
//   {"id":2,"op":"evaluate","page":"p1","script":"phone.status"} -> {"id":2,"ok":true,"value":"registered"}
//   {"id":3,"op":"waitFor","page":"p1","script":"...","timeoutMs":5000}  (until the script is truthy)
//   {"id":4,"op":"click","page":"p1","selector":"#answer"}      (a real click: a user gesture)
//   {"id":5,"op":"close","page":"p1"}
//   {"id":6,"op":"freeze"} / {"id":7,"op":"thaw"}  (SIGSTOP / SIGCONT every renderer process)
// A failure is {"id":n,"ok":false,"error":"..."}. The pages' console and errors go to stderr.
// Chromium closes when stdin does.
// Usage: node browser.js [chromium executable]
const readline = require('readline');
const { chromium } = require('playwright-core');

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // getUserMedia gets Chromium's synthetic beep at once, with no permission prompt
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  // the media worker's candidates are on 127.0.0.1 in the tests
  '--allow-loopback-in-peer-connection',
];

const pages = new Map();
let nextPage = 0;
let frozen = [];

function page(id) {
  const p = pages.get(id);
  if (!p) {
    throw new Error(`no page ${id}`);
  }
  return p;
}

// Polls with evaluate (a DevTools call) rather than waitForFunction, whose in-page eval the
// softphone's Content-Security-Policy rightly refuses.
async function waitFor(p, script, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await p.evaluate(script)) {
      return true;
    }
    if (Date.now() > deadline) {
      throw new Error(`timeout ${timeoutMs} ms exceeded`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function thaw() {
  const thawed = frozen;
  frozen = [];
  thawed.forEach((pid) => {
    try {
      process.kill(pid, 'SIGCONT');
    } catch (e) {
      // gone already
    }
  });
  return thawed;
}

async function handle(browser, req) {
  switch (req.op) {
    case 'open': {
      // a context per page: pages share no storage, like two devices
      const context = await browser.newContext();
      const p = await context.newPage();
      const id = `p${++nextPage}`;
      p.on('console', (m) => process.stderr.write(`[${id} console.${m.type()}] ${m.text()}\n`));
      p.on('pageerror', (e) => process.stderr.write(`[${id} error] ${e.stack || e}\n`));
      pages.set(id, p);
      await p.goto(req.url);
      return id;
    }
    case 'evaluate':
      return page(req.page).evaluate(req.script);
    case 'waitFor':
      return waitFor(page(req.page), req.script, req.timeoutMs);
    case 'click':
      await page(req.page).click(req.selector, { timeout: 5000 });
      return true;
    case 'freeze': {
      // A stopped renderer answers no ICE consent check, while the page's WebSocket, held by the
      // network process, stays open: the browser's media vanishes silently, as on a dead network.
      const cdp = await browser.newBrowserCDPSession();
      const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
      await cdp.detach();
      frozen = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
      frozen.forEach((pid) => process.kill(pid, 'SIGSTOP'));
      return frozen;
    }
    case 'thaw':
      return thaw();
    case 'close': {
      const p = page(req.page);
      pages.delete(req.page);
      await p.context().close();
      return true;
    }
    default:
      throw new Error(`unknown op ${req.op}`);
  }
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.argv[2] || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  const answer = (reply) => process.stdout.write(`${JSON.stringify(reply)}\n`);
  answer({ id: 0, ok: true, value: browser.version() });
  const lines = readline.createInterface({ input: process.stdin });
  // one request at a time, in order: a request may rely on what the one before it did
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    let req;
    try {
      req = JSON.parse(line);
    } catch (e) {
      answer({ id: -1, ok: false, error: `not JSON: ${line}` });
      return;
    }
    queue = queue.then(() => handle(browser, req)).then(
      (value) => answer({ id: req.id, ok: true, value: value === undefined ? null : value }),
      (e) => answer({ id: req.id, ok: false, error: String((e && e.message) || e) }));
  });
  lines.on('close', async () => {
    await queue;
    thaw();
    await browser.close();
    process.exit(0);
  });
}

main().catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`);
  process.exit(1);
});
