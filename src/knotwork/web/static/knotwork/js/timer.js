// Walks through the routine: a countdown per step, side switches announced politely,
// and a pressure check half way through each step. Nothing is stored or sent.
(function () {
  "use strict";
  var steps = Array.prototype.slice.call(document.querySelectorAll("ol.routine > li.step"));
  var panel = document.getElementById("timer");
  if (!steps.length || !panel) { return; }
  panel.hidden = false;
  var clock = document.getElementById("timer-clock");
  var label = document.getElementById("timer-step");
  var live = document.getElementById("timer-live");
  var start = document.getElementById("timer-start");
  var pause = document.getElementById("timer-pause");
  var next = document.getElementById("timer-next");
  var check = document.getElementById("pressure-check");
  var pressure = document.getElementById("pressure");
  var pressureValue = document.getElementById("pressure-value");
  var advice = document.getElementById("pressure-advice");
  var index = -1, remaining = 0, total = 0, ticking = null, checked = false;
  // every word shown comes from the page, where it is marked for translation
  function t(name) { return panel.getAttribute("data-" + name) || ""; }

  function fmt(s) { var m = Math.floor(s / 60), r = s % 60; return (m < 10 ? "0" : "") + m + ":" + (r < 10 ? "0" : "") + r; }
  function say(text) { live.textContent = ""; window.setTimeout(function () { live.textContent = text; }, 50); }

  function show(i) {
    steps.forEach(function (li, n) {
      li.classList.toggle("current", n === i);
      li.classList.toggle("done", n < i);
      if (n === i) { li.setAttribute("aria-current", "step"); } else { li.removeAttribute("aria-current"); }
    });
  }

  function begin(i) {
    index = i;
    if (index >= steps.length) { finish(); return; }
    total = remaining = parseInt(steps[index].getAttribute("data-seconds"), 10) || 60;
    checked = false;
    check.hidden = true;
    var text = t("step").replace("{n}", String(index + 1)).replace("{total}", String(steps.length))
      .replace("{label}", steps[index].getAttribute("data-label"));
    label.textContent = text;
    clock.textContent = fmt(remaining);
    show(index);
    say(index === 0 ? text : t("switch") + " " + text);
  }

  function tick() {
    remaining -= 1;
    clock.textContent = fmt(Math.max(remaining, 0));
    if (!checked && remaining <= Math.floor(total / 2)) {
      checked = true;
      check.hidden = false;
      say(t("check"));
    }
    if (remaining <= 0) { begin(index + 1); }
  }

  function run() {
    if (index < 0 || index >= steps.length) { begin(0); }
    if (ticking) { return; }
    ticking = window.setInterval(tick, 1000);
    start.disabled = true; pause.disabled = false; next.disabled = false;
  }

  function stop() {
    if (ticking) { window.clearInterval(ticking); ticking = null; }
    start.disabled = false; pause.disabled = true;
    start.textContent = t("resume");
    say(t("paused"));
  }

  function finish() {
    if (ticking) { window.clearInterval(ticking); ticking = null; }
    show(steps.length);
    label.textContent = t("done");
    clock.textContent = "00:00";
    start.disabled = true; pause.disabled = true; next.disabled = true;
    check.hidden = true;
    say(t("done"));
  }

  pressure.addEventListener("input", function () {
    var v = parseInt(pressure.value, 10);
    pressureValue.textContent = String(v);
    advice.textContent = v > 7 ? t("too-strong") : v < 3 ? t("too-light") : t("good");
  });
  start.addEventListener("click", run);
  pause.addEventListener("click", stop);
  next.addEventListener("click", function () { begin(index + 1); });
})();
