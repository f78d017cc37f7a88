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
    var pattern = svg && svg.querySelector('pattern[id$="-selected"]');
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

  Array.prototype.forEach.call(document.querySelectorAll('svg [data-region][role="button"]'), function (shape) {
    shape.addEventListener("click", function () { toggle(shape); });
    shape.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        toggle(shape);
      }
    });
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
