// Updates the "nog 5 uur" / "2 uur te laat" texts every 30 seconds, like the server renders them.
// The office time beside it (", waarvan 2 uur kantoortijd") is the server's; past the deadline
// it goes, so the page never says "te laat" and "kantoortijd" left at once.
(function () {
  "use strict";
  function amount(seconds) {
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) { return minutes === 1 ? "1 minuut" : minutes + " minuten"; }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) { return hours + " uur"; }
    var days = Math.floor(hours / 24);
    var rest = hours % 24;
    return rest === 0 ? days + " dagen" : days + " dagen en " + rest + " uur";
  }
  function update() {
    var now = Date.now();
    document.querySelectorAll(".countdown[data-deadline]").forEach(function (element) {
      var seconds = Math.trunc((Date.parse(element.dataset.deadline) - now) / 1000);
      element.textContent = seconds >= 0 ? "nog " + amount(seconds) : amount(-seconds) + " te laat";
      var office = element.parentNode.querySelector(".kantoortijd");
      if (office && seconds < 0) {
        office.hidden = true;
      }
    });
  }
  setInterval(update, 30000);
})();
