// The drawing box of the Draw cell (nb/cells_play.go), embedded by
// nb/draw.go, which puts the cell's settings into cfg, a JSON object:
//   canvas, clear, done, status: element ids; address: the comms address
//   of the cell program; brush: line width in canvas pixels; waitMs: how
//   long to wait for GoNB's gonb_comm; nopage: what the status line says
//   when it does not come.
// Every message to the program is a string "kind:seq:payload" on that one
// address: ready, png (payload: the canvas as a PNG data URL, sent when a
// stroke ends), clear and done. seq counts up, so that the program can drop
// a drawing that arrives after a newer one (GoNB delivers each value in a
// goroutine of its own).
(() => {
  const cfg = __CONFIG__;
  const canvas = document.getElementById(cfg.canvas);
  if (!canvas || canvas.dataset.werkbankWired) return;
  canvas.dataset.werkbankWired = '1';
  const status = document.getElementById(cfg.status);
  const clearButton = document.getElementById(cfg.clear);
  const doneButton = document.getElementById(cfg.done);
  const ctx = canvas.getContext('2d');
  const blank = () => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  blank();
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = cfg.brush;
  ctx.strokeStyle = '#000';
  ctx.fillStyle = '#000';

  let comm = null;
  let seq = 0;
  let ended = false;
  const send = (kind, payload) => {
    if (!comm || ended) return;
    seq++;
    comm.send(cfg.address, kind + ':' + seq + ':' + (payload || ''));
  };

  // Drawing: pointer events (mouse, touch and pen) where the browser has
  // them, else mouse and touch events.
  let drawing = false;
  let last = null;
  const at = (x, y) => {
    const r = canvas.getBoundingClientRect();
    return [(x - r.left) * canvas.width / r.width, (y - r.top) * canvas.height / r.height];
  };
  const start = (p) => {
    drawing = true;
    last = p;
    ctx.beginPath();
    ctx.arc(p[0], p[1], cfg.brush / 2, 0, 2 * Math.PI);
    ctx.fillStyle = '#000';
    ctx.fill();
  };
  const move = (p) => {
    if (!drawing) return;
    ctx.beginPath();
    ctx.moveTo(last[0], last[1]);
    ctx.lineTo(p[0], p[1]);
    ctx.stroke();
    last = p;
  };
  const end = () => {
    if (!drawing) return;
    drawing = false;
    send('png', canvas.toDataURL('image/png'));
  };
  if (window.PointerEvent) {
    canvas.addEventListener('pointerdown', (e) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      e.preventDefault();
      try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* not capturable */ }
      start(at(e.clientX, e.clientY));
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drawing) return;
      e.preventDefault();
      const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
      for (const c of (events.length ? events : [e])) move(at(c.clientX, c.clientY));
    });
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  } else {
    canvas.addEventListener('mousedown', (e) => { if (e.button === 0) { e.preventDefault(); start(at(e.clientX, e.clientY)); } });
    canvas.addEventListener('mousemove', (e) => move(at(e.clientX, e.clientY)));
    window.addEventListener('mouseup', end);
    const touch = (f) => (e) => {
      e.preventDefault();
      const t = e.changedTouches[0];
      if (t) f(at(t.clientX, t.clientY));
    };
    canvas.addEventListener('touchstart', touch(start), { passive: false });
    canvas.addEventListener('touchmove', touch(move), { passive: false });
    canvas.addEventListener('touchend', (e) => { e.preventDefault(); end(); }, { passive: false });
    canvas.addEventListener('touchcancel', end);
  }
  clearButton.addEventListener('click', () => {
    blank();
    send('clear');
  });
  doneButton.addEventListener('click', () => {
    send('done');
    ended = true;
    clearButton.disabled = true;
    doneButton.disabled = true;
  });

  // GoNB installs gonb_comm in the page when the program first listens;
  // wait for it a while. Without it (an HTML export, a notebook opened
  // without running the cell) say so instead of failing silently.
  const t0 = Date.now();
  const connect = () => {
    if (globalThis.gonb_comm) {
      comm = globalThis.gonb_comm;
      send('ready');
      return;
    }
    if (Date.now() - t0 > cfg.waitMs) {
      status.textContent = cfg.nopage;
      clearButton.disabled = true;
      doneButton.disabled = true;
      return;
    }
    setTimeout(connect, 100);
  };
  connect();
})();
