/* Voordeur chat widget: <script src="<gateway address>/widget.js" defer></script> on any page.
   Adds a "Chat met ons" button; it opens the chat (the gateway's /widget page) in a frame.
   Everything comes from the gateway itself: no CDN, no third-party requests. The host page
   must be listed in the gateway's GATEWAY_WIDGET_ORIGINS, or the browser refuses the frame.
   "Snel weg" in the chat leaves the whole web site for a neutral page: the chat's own choice,
   or the address in the tag's data-snel-weg attribute (for example a page of the site itself).
   The button's colours and font are the chat's design tokens (config/design-tokens.css): the
   gateway puts their values in LOOK below when it serves this file (gateway/widget_look.py);
   the values after "||" are the neutral theme's, for when it could not. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || document.getElementById("voordeur-widget")) {
    return;
  }
  var gateway = new URL(script.src).origin;
  var OPEN_KEY = "voordeur.widgetOpen";
  var LABEL_OPEN = "Chat met ons";
  var LABEL_CLOSE = "Chat sluiten";
  var LOOK = /*VOORDEUR_LOOK*/{};
  var PRIMARY = LOOK["--voordeur-color-primary"] || "#5115ef";
  var PRIMARY_HOVER = LOOK["--voordeur-color-primary-hover"] || "#3b0fb0";
  var PRIMARY_TEXT = LOOK["--voordeur-color-primary-text"] || "#ffffff";
  var FOCUS = LOOK["--voordeur-focus-color"] || "#ffdd00";
  var FOCUS_RING = LOOK["--voordeur-focus-ring-color"] || "#0b0c0c";
  var FONT = LOOK["--voordeur-font-family"] || "\"Noto Sans\", sans-serif";

  function style(element, rules) {
    Object.keys(rules).forEach(function (name) {
      element.style.setProperty(name, rules[name]);
    });
  }

  var container = document.createElement("div");
  container.id = "voordeur-widget";
  style(container, {
    position: "fixed", "z-index": "2147483000", display: "flex", "flex-direction": "column",
    "align-items": "flex-end", gap: "0.5rem", "font-family": FONT
  });

  var frame = document.createElement("iframe");
  frame.id = "voordeur-widget-frame";
  frame.title = "Chat met het sociaal team";
  frame.hidden = true;
  style(frame, { background: "#ffffff", "box-sizing": "border-box" });

  var button = document.createElement("button");
  button.type = "button";
  button.id = "voordeur-widget-button";
  button.textContent = LABEL_OPEN;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", frame.id);
  style(button, {
    "min-height": "2.75rem", padding: "0.6rem 1.1rem", border: "2px solid " + PRIMARY_TEXT,
    "border-radius": "1.5rem", background: PRIMARY, color: PRIMARY_TEXT, "font-size": "1rem",
    "font-weight": "700", cursor: "pointer", "box-shadow": "0 0 0 2px " + PRIMARY,
    "font-family": "inherit", "line-height": "1.25", margin: "0"
  });

  /* Hover and keyboard focus as on the chat page: a darker main colour; a yellow outline with a
     dark ring (set here, as the host site's stylesheet cannot be relied on). */
  function paint() {
    var focused = false;
    try {
      focused = button.matches(":focus-visible");
    } catch (error) {
      focused = document.activeElement === button;
    }
    var hovered = button.matches(":hover");
    style(button, {
      background: hovered ? PRIMARY_HOVER : PRIMARY,
      outline: focused ? "3px solid " + FOCUS : "none",
      "outline-offset": "2px",
      "box-shadow": focused ? "0 0 0 5px " + FOCUS_RING : "0 0 0 2px " + PRIMARY
    });
  }
  ["mouseenter", "mouseleave", "focus", "blur"].forEach(function (name) {
    button.addEventListener(name, paint);
  });

  function remember(open) {
    try {
      window.sessionStorage.setItem(OPEN_KEY, open ? "1" : "0");
    } catch (error) {
      /* storage blocked: the widget starts closed after a reload */
    }
  }

  /* In a short window (a phone held sideways, or a browser zoomed in: a 1280x1024 window at
     400% is 320x256 CSS pixels, 1280x800 at 200% is 640x400) a frame in the corner would leave
     the conversation one line (WCAG 1.4.10). There the open chat takes the whole window and the
     button steps aside; "Sluiten" and Escape in the chat close it and bring the button back. */
  var SHORT_WINDOW = window.matchMedia("(max-height: 30rem)");

  function layout() {
    var whole = SHORT_WINDOW.matches && !frame.hidden;
    style(container, whole
      ? { top: "0", right: "0", bottom: "0", left: "0", "max-width": "none" }
      : { top: "auto", right: "1rem", bottom: "1rem", left: "auto",
          "max-width": "calc(100vw - 2rem)" });
    style(frame, whole
      ? { width: "100%", height: "100%", border: "0", "border-radius": "0", "box-shadow": "none" }
      : { width: "min(26rem, calc(100vw - 2rem))", height: "min(40rem, calc(100vh - 6rem))",
          border: "2px solid " + PRIMARY, "border-radius": "0.5rem",
          "box-shadow": "0 0.25rem 1rem rgba(0, 0, 0, 0.3)" });
    style(button, { display: whole ? "none" : "inline-block" });
  }
  SHORT_WINDOW.addEventListener("change", layout);

  function setOpen(open, moveFocus) {
    if (open && !frame.getAttribute("src")) {
      frame.src = gateway + "/widget";
    }
    frame.hidden = !open;
    layout();
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? LABEL_CLOSE : LABEL_OPEN;
    remember(open);
    if (moveFocus) {
      (open ? frame : button).focus();
    }
  }

  button.addEventListener("click", function () {
    setOpen(frame.hidden, true);
  });

  function webAddress(candidate) {
    if (!candidate) {
      return null;
    }
    try {
      var url = new URL(candidate, window.location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function quickExit(chosen) {
    remember(false);
    container.parentNode.removeChild(container);
    var own = script.getAttribute("data-snel-weg");
    var target = (own && webAddress(own)) || webAddress(chosen);
    if (target) {
      window.location.replace(target);
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== gateway || !event.data) {
      return;
    }
    if (event.data.type === "voordeur:sluiten") {
      setOpen(false, true);
    } else if (event.data.type === "voordeur:snel-weg") {
      quickExit(String(event.data.url || ""));
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !frame.hidden) {
      setOpen(false, true);
    }
  });

  container.appendChild(frame);
  container.appendChild(button);
  layout();
  document.body.appendChild(container);

  var wasOpen = false;
  try {
    wasOpen = window.sessionStorage.getItem(OPEN_KEY) === "1";
  } catch (error) {
    wasOpen = false;
  }
  if (wasOpen) {
    setOpen(true, false);
  }
})();
