"use strict";
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.row"));
  var blocks = Array.prototype.slice.call(document.querySelectorAll("section.block"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");
  var tests = {
    needs: function (r) { return r.dataset.needs === "1"; },
    low: function (r) { return r.dataset.low === "1"; },
    errors: function (r) { return r.dataset.errors === "1"; },
    all: function () { return true; }
  };
  var current = null;

  function visible() { return rows.filter(function (r) { return !r.hidden; }); }

  function filter(name) {
    var test = tests[name] || tests.all;
    rows.forEach(function (r) { r.hidden = !test(r); });
    blocks.forEach(function (b) { b.hidden = !b.querySelector("article.row:not([hidden])"); });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.filter === name)); });
    var count = visible().length;
    shown.textContent = count + " shown";
    none.hidden = count > 0;
    if (current && current.hidden) { select(null); }
  }

  function select(row) {
    if (current) { current.classList.remove("current"); }
    current = row;
    if (row) {
      row.classList.add("current");
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    var list = visible();
    if (!list.length) { return; }
    var at = current ? list.indexOf(current) : -1;
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
    select(list[next]);
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { filter(b.dataset.filter); });
  });
  rows.forEach(function (r) {
    r.addEventListener("click", function () { select(r); });
  });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var keys = { "1": "needs", "2": "low", "3": "errors", "4": "all" };
    if (keys[e.key]) { filter(keys[e.key]); e.preventDefault(); }
    else if (e.key === "j") { move(1); e.preventDefault(); }
    else if (e.key === "k") { move(-1); e.preventDefault(); }
  });
  filter("all");
})();
