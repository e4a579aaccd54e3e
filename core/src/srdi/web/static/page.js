// The page works without this script; it only adds a hint while typing a credit code, and keeps a
// multiple choice's "无" box and its options apart.
(function () {
  "use strict";
  var CODE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;
  var input = document.getElementById("credit_code");
  var hint = document.getElementById("credit_code_hint");
  if (!input || !hint) return;
  function show() {
    var v = input.value.trim().toUpperCase();
    if (!v) { hint.textContent = ""; return; }
    if (v.length < 18) { hint.textContent = "还差 " + (18 - v.length) + " 位"; return; }
    hint.textContent = CODE.test(v) ? "登记管理机关行政区划码：" + v.slice(2, 8) : "格式不对：应为18位数字或大写字母（不含 I、O、Z、S、V）";
  }
  input.addEventListener("input", show);
  show();
})();
// A multiple choice's "无" box and its options exclude each other (without the script, the server says so).
(function () {
  "use strict";
  var NONE = "_none";
  document.addEventListener("change", function (e) {
    var box = e.target;
    if (!box || box.type !== "checkbox" || !box.checked || !box.name) return;
    var group = box.closest(".choices");
    if (!group) return;
    var boxes = group.querySelectorAll('input[type="checkbox"]');
    for (var i = 0; i < boxes.length; i++) {
      var other = boxes[i];
      if (other !== box && other.name === box.name && (box.value === NONE) !== (other.value === NONE)) {
        other.checked = false;
      }
    }
  });
})();
