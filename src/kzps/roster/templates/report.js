/* Filter and sort the table. Without this script the page reads the same; the
   controls stay hidden. No network, no libraries. */
(function () {
  "use strict";
  var table = document.getElementById("rows");
  if (!table || !table.tBodies.length || !window.Intl) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (row) { return row.textContent.toLocaleLowerCase(); });
  var box = document.getElementById("filter");
  var status = document.getElementById("status-filter");
  var shown = document.getElementById("shown");
  var heads = table.tHead.rows[0].cells;
  var collator = new Intl.Collator(document.documentElement.lang || undefined,
                                   { numeric: true, sensitivity: "base" });

  function filter() {
    var wanted = box.value.trim().toLocaleLowerCase();
    var kind = status.value;
    var count = 0;
    rows.forEach(function (row, i) {
      var visible = (!wanted || texts[i].indexOf(wanted) !== -1) &&
                    (!kind || row.getAttribute("data-status") === kind);
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = shown.getAttribute("data-template")
      .replace("{shown}", count).replace("{total}", rows.length);
  }

  function key(row, column) {
    var cell = row.cells[column];
    if (!cell) { return ""; }
    return cell.getAttribute("data-sort") || cell.textContent.trim();
  }

  function sort(column) {
    var head = heads[column];
    var ascending = head.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
    head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var order = rows.map(function (row, i) { return [key(row, column), i]; });
    order.sort(function (a, b) {
      if (a[0] === b[0]) { return a[1] - b[1]; }
      if (!a[0]) { return 1; }  /* empty cells last, either way */
      if (!b[0]) { return -1; }
      var c = collator.compare(a[0], b[0]);
      return (ascending ? c : -c) || a[1] - b[1];
    });
    var sorted = document.createDocumentFragment();
    order.forEach(function (item) { sorted.appendChild(rows[item[1]]); });
    body.appendChild(sorted);
  }

  Array.prototype.forEach.call(heads, function (head, column) {
    var button = document.createElement("button");
    button.type = "button";
    while (head.firstChild) { button.appendChild(head.firstChild); }
    head.appendChild(button);
    button.addEventListener("click", function () { sort(column); });
  });
  box.addEventListener("input", filter);
  status.addEventListener("change", filter);
  document.getElementById("controls").hidden = false;
  filter();
  document.documentElement.setAttribute("data-ready", "");
}());
