/* iopctl site: sorting and filtering the overview. Optional: every page reads in full
   without it (the table is sorted by id and shows every agreement). No request, no
   storage, no third-party code. */
(function () {
  "use strict";

  function value(cell) {
    var data = cell.getAttribute("data-value");
    return data === null ? cell.textContent.trim() : data;
  }

  function compare(a, b, kind) {
    if (a === "" || b === "") {
      return a === b ? 0 : a === "" ? 1 : -1; /* empty cells last */
    }
    if (kind === "number") {
      return Number(a) - Number(b);
    }
    return a.localeCompare(b, "sv");
  }

  function sortBy(table, index, kind, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      heads[i].removeAttribute("aria-sort");
    }
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = compare(value(a.cells[index]), value(b.cells[index]), kind);
      if (!ascending && order !== 0) {
        var empty = value(a.cells[index]) === "" || value(b.cells[index]) === "";
        order = empty ? order : -order;
      }
      return order || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }

  function sortable(table) {
    var rows = table.tBodies[0].rows;
    for (var r = 0; r < rows.length; r++) {
      rows[r].setAttribute("data-order", String(r));
    }
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, kind, th); });
    });
  }

  function filters(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    var text = box.querySelector("input");
    var status = box.querySelector("select");
    var result = box.querySelector(".filter-result");
    var pattern = box.getAttribute("data-shown");
    var rows = table.tBodies[0].rows;
    function apply() {
      var needle = text.value.trim().toLocaleLowerCase("sv");
      var wanted = status.value;
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var match = (!wanted || row.getAttribute("data-status") === wanted) &&
          (!needle || row.textContent.toLocaleLowerCase("sv").indexOf(needle) !== -1);
        row.hidden = !match;
        shown += match ? 1 : 0;
      }
      result.textContent = pattern.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }
    text.addEventListener("input", apply);
    status.addEventListener("change", apply);
    box.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), sortable);
  Array.prototype.forEach.call(document.querySelectorAll(".filters[data-table]"), filters);
})();
