// Keeps the body map and the region checkboxes in step. The checkboxes are the real
// form input (and the path without JavaScript); the map's shapes are toggle buttons.
(function () {
  "use strict";
  var form = document.getElementById("finder");
  if (!form) { return; }

  function checkbox(rid) {
    var boxes = form.querySelectorAll('input[name="r"]');
    for (var i = 0; i < boxes.length; i++) { if (boxes[i].value === rid) { return boxes[i]; } }
    return null;
  }

  function paint(shape, on) {
    var svg = shape.ownerSVGElement;
    // a close-up uses the patterns of the whole figure of its view, defined in that map
    var pattern = svg && (svg.querySelector('pattern[id$="-selected"]') ||
      document.querySelector('svg[data-view="' + svg.getAttribute("data-view") + '"] pattern[id$="-selected"]'));
    shape.setAttribute("aria-pressed", on ? "true" : "false");
    shape.classList.toggle("selected", on);
    if (on) {
      if (pattern) { shape.setAttribute("fill", "url(#" + pattern.id + ")"); }
      shape.setAttribute("stroke", "#12355b");
      shape.setAttribute("stroke-width", "1.8");
    } else {
      shape.removeAttribute("fill");
      shape.removeAttribute("stroke");
      shape.removeAttribute("stroke-width");
    }
  }

  function shapesFor(rid) {
    return Array.prototype.filter.call(
      document.querySelectorAll('svg [data-region][role="button"]'),
      function (s) { return s.getAttribute("data-region") === rid; });
  }

  function toggle(shape) {
    var box = checkbox(shape.getAttribute("data-region"));
    if (!box) { return; }
    box.checked = !box.checked;
    shapesFor(box.value).forEach(function (s) { paint(s, box.checked); });
    var group = box.closest("details");
    if (group && box.checked) { group.open = true; }
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function centre(el) {
    var r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }

  // the arrow keys move to the nearest region that way: along the arrow counts once,
  // across it twice, so "down" prefers what is straight below
  var DIRS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
  function neighbour(shape, key) {
    var dir = DIRS[key], from = centre(shape), best = null, bestScore = Infinity;
    var all = shape.ownerSVGElement.querySelectorAll('[data-region][role="button"]');
    Array.prototype.forEach.call(all, function (other) {
      if (other === shape) { return; }
      var to = centre(other), dx = to.x - from.x, dy = to.y - from.y;
      var along = dx * dir[0] + dy * dir[1], across = Math.abs(dx * dir[1] - dy * dir[0]);
      if (along <= 1) { return; }
      var score = along + 2 * across;
      if (score < bestScore) { bestScore = score; best = other; }
    });
    return best;
  }

  // the region's name beside the map, for whoever cannot hover: on focus and on touch
  function name(shape) {
    var figure = shape.closest("figure");
    var out = figure && figure.querySelector(".map-name");
    if (!out) { return; }
    var marked = shape.getAttribute("aria-pressed") === "true";
    out.textContent = shape.getAttribute("aria-label") + (marked ? " · " + (out.getAttribute("data-marked") || "") : "");
  }

  function roving(shape) {  // one Tab stop per map: the last region used
    var all = shape.ownerSVGElement.querySelectorAll('[data-region][role="button"]');
    Array.prototype.forEach.call(all, function (s) { s.setAttribute("tabindex", s === shape ? "0" : "-1"); });
  }

  function wire(root) {  // the page's maps, and close-ups drawn later
  Array.prototype.forEach.call(root.querySelectorAll("svg.bodymap"), function (svg) {
    var all = svg.querySelectorAll('[data-region][role="button"]');
    if (!all.length) { return; }
    var box = svg.getBoundingClientRect(), mid = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    var first = svg.querySelector('[data-region][role="button"][aria-pressed="true"]');
    if (!first) {  // else the region nearest the middle of the map
      var near = Infinity;
      Array.prototype.forEach.call(all, function (s) {
        var c = centre(s), d = Math.abs(c.x - mid.x) + Math.abs(c.y - mid.y);
        if (d < near) { near = d; first = s; }
      });
    }
    roving(first);
  });

  Array.prototype.forEach.call(root.querySelectorAll('svg [data-region][role="button"]'), function (shape) {
    shape.addEventListener("click", function () { roving(shape); toggle(shape); name(shape); });
    shape.addEventListener("focus", function () { name(shape); });
    shape.addEventListener("pointerenter", function () { name(shape); });
    shape.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        toggle(shape);
        name(shape);
      } else if (DIRS[event.key]) {
        event.preventDefault();
        var next = neighbour(shape, event.key);
        if (next) { roving(next); next.focus(); }
      }
    });
  });
  }
  wire(document);
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "more-closeups") { wire(event.target); }
  });

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.name === "r") {
      shapesFor(target.value).forEach(function (s) { paint(s, target.checked); });
    }
  });

  // "None of the other questions apply" and a ticked question are one answer: keep the
  // box honest when a question is ticked after it (the server counts a tick as yes anyway)
  form.addEventListener("change", function (event) {
    var target = event.target;
    var none = document.getElementById("id_none");
    if (!none || !target) { return; }
    if (target.name === "f" && target.checked && none.checked) {
      var note = document.getElementById("none-note");
      if (note) { note.textContent = note.getAttribute("data-text") || ""; }
    }
  });

  // the results' "copy the link" button, shown only where copying works; the results
  // are swapped in by htmx, so the button is found when it is pressed
  function showCopy() {
    var copy = document.getElementById("copy-report");
    if (copy && navigator.clipboard) { copy.hidden = false; }
  }
  showCopy();
  document.body.addEventListener("htmx:afterSwap", showCopy);
  document.addEventListener("click", function (event) {
    var copy = event.target && event.target.closest && event.target.closest("#copy-report");
    var link = document.getElementById("report-link");
    if (!copy || !link || !navigator.clipboard) { return; }
    link.value = location.href;  // the address bar holds the report as it is now
    navigator.clipboard.writeText(link.value).then(function () {
      copy.textContent = copy.getAttribute("data-done") || copy.textContent;
    });
  });

  // announce new results politely; focus stays where the person is working, unless the
  // answer is serious: then it is brought into view and focused so it is read out at once
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!event.target || event.target.id !== "results") { return; }
    var triageBox = document.getElementById("triage");
    if (triageBox && triageBox.getAttribute("data-serious") === "1") {
      triageBox.scrollIntoView({ block: "start" });
      triageBox.focus({ preventScroll: true });
      return;
    }
    var status = document.getElementById("results-status");
    var heading = document.getElementById("results-h");
    if (!status || !heading) { return; }
    var template = status.getAttribute("data-template") || "";
    var text = template
      .replace("{count}", heading.getAttribute("data-count") || "0")
      .replace("{level}", heading.getAttribute("data-level-label") || "");
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 100);
  });
})();
