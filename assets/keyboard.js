// Keyboard and screen reader help that Dash's components do not give.
//
// Copy buttons: a real <button> names the element whose text it copies and the status element
// that says whether it worked.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy-target]");
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy-target"));
  var status = document.getElementById(button.getAttribute("data-copy-status"));
  var say = function (text) { if (status) { status.textContent = text; } };
  if (!source || !navigator.clipboard) {
    say("Kunde inte kopiera; markera meningen och kopiera den själv.");
    return;
  }
  navigator.clipboard.writeText(source.textContent.trim()).then(
    function () { say("Meningen är kopierad."); },
    function () { say("Kunde inte kopiera; markera meningen och kopiera den själv."); }
  );
});

// The year chooser: a chosen year loads the page anew, which would leave focus at the top of
// the page. Focus goes back to the chosen year's link, and the live region, empty when the
// page is drawn and filled a moment later so screen readers notice, says what the year shows.
var YEAR_CHOSEN = "trygghetsmal-year-chosen";
document.addEventListener("click", function (event) {
  if (event.target.closest(".year-selector a")) {
    sessionStorage.setItem(YEAR_CHOSEN, "1");
  }
}, true);
new MutationObserver(function () {
  if (!sessionStorage.getItem(YEAR_CHOSEN)) {
    return;
  }
  // Dash's page, not the first paint that stands in for it until Dash has drawn it.
  var chooser = document.querySelector("#react-entry-point .year-selector[data-announce]");
  var chosen = chooser && chooser.querySelector("a[aria-current=page]");
  if (!chosen || document.activeElement === chosen) {
    return;
  }
  sessionStorage.removeItem(YEAR_CHOSEN);
  chosen.focus();
  var announcer = document.getElementById("meddelande");
  if (announcer) {
    setTimeout(function () { announcer.textContent = chooser.getAttribute("data-announce"); }, 250);
  }
}).observe(document.documentElement, { childList: true, subtree: true });
