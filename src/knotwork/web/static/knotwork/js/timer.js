// Walks through the routine: a countdown per step, side switches announced politely and
// cued by a short sound and a vibration (where the device has them, with a mute), and a
// pressure check half way through each step. Time is read from the clock, not counted in
// ticks, so a phone that locked its screen comes back to the right step and second.
// Nothing is stored in the browser. Where the page offers it (a diary is open to this
// person) and the box is ticked, the session is logged in the diary when the timer ends:
// each step's spot, side, the time it actually ran and the last pressure check.
(function () {
  "use strict";
  var steps = Array.prototype.slice.call(document.querySelectorAll("ol.routine > li.step"));
  var panel = document.getElementById("timer");
  if (!steps.length || !panel) { return; }
  panel.hidden = false;
  function $(id) { return document.getElementById(id); }
  var clock = $("timer-clock"), label = $("timer-step"), live = $("timer-live");
  var start = $("timer-start"), pause = $("timer-pause"), next = $("timer-next");
  var prev = $("timer-prev"), restart = $("timer-restart"), sound = $("timer-sound");
  var check = $("pressure-check"), pressure = $("pressure");
  var pressureValue = $("pressure-value"), advice = $("pressure-advice");
  // index: the step; endsAt: when it ends (ms, while running); left: ms left (paused)
  var index = -1, endsAt = 0, left = 0, total = 0, ticking = null, checked = false;
  var muted = false, audio = null;
  // time each step actually ran (ms) and its last pressure check, for the diary
  var ran = steps.map(function () { return 0; }), pressures = steps.map(function () { return ""; });
  var mark = 0;  // when the running stretch of the current step began
  function account(until) {
    if (ticking && index >= 0 && index < steps.length) {
      var end = Math.min(until || Date.now(), endsAt);
      ran[index] += Math.max(0, end - mark);
      mark = end;
    }
  }
  // every word shown comes from the page, where it is marked for translation
  function t(name) { return panel.getAttribute("data-" + name) || ""; }

  function fmt(s) { var m = Math.floor(s / 60), r = s % 60; return (m < 10 ? "0" : "") + m + ":" + (r < 10 ? "0" : "") + r; }
  function say(text) { live.textContent = ""; window.setTimeout(function () { live.textContent = text; }, 50); }

  // a cue: two short tones for a switch, one for the pressure check, three at the end
  function cue(kind) {
    if (muted) { return; }
    var tones = kind === "switch" ? [660, 880] : kind === "done" ? [880, 660, 520] : [740];
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (Ctx) {
        audio = audio || new Ctx();
        tones.forEach(function (hz, n) {
          var osc = audio.createOscillator(), gain = audio.createGain();
          var at = audio.currentTime + n * 0.22;
          osc.frequency.value = hz;
          gain.gain.setValueAtTime(0.15, at);
          gain.gain.exponentialRampToValueAtTime(0.001, at + 0.2);
          osc.connect(gain); gain.connect(audio.destination);
          osc.start(at); osc.stop(at + 0.2);
        });
      }
    } catch (e) { /* no sound on this device: the words still say it */ }
    if (navigator.vibrate) { navigator.vibrate(kind === "check" ? 150 : [200, 100, 200]); }
  }

  function show(i) {
    steps.forEach(function (li, n) {
      li.classList.toggle("current", n === i);
      li.classList.toggle("done", n < i);
      if (n === i) { li.setAttribute("aria-current", "step"); } else { li.removeAttribute("aria-current"); }
    });
    if (steps[i]) {  // the new step in view, below the timer that stays at the top
      steps[i].style.scrollMarginTop = (panel.offsetHeight + 8) + "px";
      steps[i].scrollIntoView({ block: "start" });
    }
  }

  function secondsOf(i) { return parseInt(steps[i].getAttribute("data-seconds"), 10) || 60; }

  function begin(i, from) {
    account(from);
    index = Math.max(0, i);
    mark = from || Date.now();
    if (index >= steps.length) { finish(); return; }
    total = secondsOf(index) * 1000;
    left = total;
    // from: when the step started (the previous step's end), so time lost to a locked
    // screen is counted; else now
    endsAt = (from || Date.now()) + total;
    checked = false;
    check.hidden = true;
    var text = t("step").replace("{n}", String(index + 1)).replace("{total}", String(steps.length))
      .replace("{label}", steps[index].getAttribute("data-label"));
    label.textContent = text;
    show(index);
    say(index === 0 && !from ? text : t("switch") + " " + text);
    if (ticking || from) { cue("switch"); }
    buttons();
    draw();
  }

  function remaining() { return ticking ? endsAt - Date.now() : left; }

  function draw() { clock.textContent = fmt(Math.max(0, Math.ceil(remaining() / 1000))); }

  function tick() {
    // past the end of a step (the screen was locked): on to the step the clock says
    while (ticking && remaining() <= 0 && index < steps.length) { begin(index + 1, endsAt); }
    if (index >= steps.length) { return; }
    if (!checked && remaining() <= total / 2) {
      checked = true;
      check.hidden = false;
      say(t("check"));
      cue("check");
    }
    draw();
  }

  function buttons() {
    var running = !!ticking, started = index >= 0 && index < steps.length;
    start.disabled = running; pause.disabled = !running;
    next.disabled = !started; restart.disabled = !started; prev.disabled = !started || index === 0;
  }

  function run() {
    if (index < 0 || index >= steps.length) { begin(0); }
    if (ticking) { return; }
    endsAt = Date.now() + left;
    mark = Date.now();
    ticking = window.setInterval(tick, 250);
    buttons();
    pause.focus();  // the pressed button is now disabled: keep the keyboard where it was
  }

  function stop() {
    account();
    if (ticking) { left = endsAt - Date.now(); window.clearInterval(ticking); ticking = null; }
    start.textContent = t("resume");
    buttons();
    start.focus();
    say(t("paused"));
  }

  function finish() {
    account();
    if (ticking) { window.clearInterval(ticking); ticking = null; }
    index = steps.length;
    show(steps.length);
    label.textContent = t("done");
    clock.textContent = "00:00";
    start.disabled = true; pause.disabled = true; next.disabled = true;
    prev.disabled = true; restart.disabled = true;
    check.hidden = true;
    say(t("done"));
    cue("done");
    panel.setAttribute("tabindex", "-1");  // the buttons are all disabled now
    panel.focus();
    logSession();
  }

  function logSession() {
    var form = $("timer-log"), on = $("timer-log-on"), result = $("timer-log-result");
    if (!form || !on || !on.checked || !window.fetch) { return; }
    var data = new FormData(form);
    steps.forEach(function (li, n) {
      data.append("step", li.getAttribute("data-spec"));
      data.append("seconds", String(Math.round(ran[n] / 1000)));
      data.append("pressure", pressures[n]);
    });
    function tell(text, href) {
      result.textContent = text + " ";
      if (href) {
        var a = document.createElement("a");
        a.href = href + "#felt-h";
        a.textContent = form.getAttribute("data-add");
        result.appendChild(a);
      }
    }
    window.fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin", redirect: "manual",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      if (r.type === "opaqueredirect") { tell(form.getAttribute("data-signin")); return null; }
      if (r.status !== 201) { tell(form.getAttribute("data-failed")); return null; }
      return r.json();
    }).then(function (answer) {
      if (answer && answer.session) { tell(form.getAttribute("data-saved"), answer.session); }
    }).catch(function () { tell(form.getAttribute("data-failed")); });
  }

  pressure.addEventListener("input", function () {
    var v = parseInt(pressure.value, 10);
    pressureValue.textContent = String(v);
    if (index >= 0 && index < steps.length) { pressures[index] = String(v); }
    advice.textContent = v > 7 ? t("too-strong") : v < 3 ? t("too-light") : t("good");
  });
  start.addEventListener("click", run);
  pause.addEventListener("click", stop);
  next.addEventListener("click", function () { begin(index + 1); });
  prev.addEventListener("click", function () { begin(index - 1); });
  restart.addEventListener("click", function () { begin(index); });
  sound.addEventListener("click", function () {
    muted = !muted;
    sound.setAttribute("aria-pressed", muted ? "false" : "true");
    say(muted ? t("sound-off") : t("sound-on"));
  });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { tick(); } });
})();

// keep the routine: copy its link, print it (buttons shown only where they work)
(function () {
  "use strict";
  var link = document.getElementById("routine-link");
  var copy = document.getElementById("copy-link");
  var print = document.getElementById("print-routine");
  if (copy && link && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(link.value).then(function () {
        copy.textContent = copy.getAttribute("data-done") || copy.textContent;
      });
    });
  }
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
