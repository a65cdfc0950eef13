/* Voordeur chat (full page and widget frame): talks to the gateway's APIs only.
   No framework, no external requests. Message text is only ever put on the page as text nodes
   (textContent), never as markup. The conversation (session id and the messages shown) is kept
   in sessionStorage, so it survives a reload and is gone when the tab is closed. */
(function () {
  "use strict";

  var STORAGE_KEY = "voordeur.gesprek";
  var GREETING = "/greet";
  var TEXT = {
    connection: "Er ging iets mis met de verbinding. Controleer uw internet en probeer het opnieuw.",
    unknown: "Er ging iets mis. Probeer het later opnieuw.",
    empty: "Typ eerst een bericht.",
    typing: "De chatassistent typt een antwoord…",
    deleted: "Uw gesprek is beëindigd en gewist.",
    keptOne: "Uw melding {ref} blijft wel bij het team. Zo kan het team u helpen.",
    keptMany: "Uw meldingen {refs} blijven wel bij het team. Zo kan het team u helpen.",
    keptMaybe: "Hebt u in dit gesprek een melding gemaakt? Die blijft wel bij het team, zodat het team u kan helpen.",
    callbackErrors: "Niet alles is goed ingevuld. Kijk bij de velden hieronder.",
    newWindow: " (opent in een nieuw tabblad)"
  };

  var root = document.getElementById("chat");
  var list = document.getElementById("messages");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("message-input");
  var sendButton = document.getElementById("send-button");
  var status = document.getElementById("chat-status");
  var typing = document.getElementById("typing");
  var privacy = document.getElementById("privacy");
  var startButton = document.getElementById("start-conversation");
  var endButton = document.getElementById("end-conversation");
  var closeButton = document.getElementById("close-widget");
  var callbackForm = document.getElementById("callback-form");
  var replies = document.getElementById("quick-replies");
  var endDialog = document.getElementById("end-dialog");
  var endKept = document.getElementById("end-dialog-kept");
  var endResult = document.getElementById("end-result");
  var exitButton = document.getElementById("quick-exit");
  // Inside the widget's frame on a host site. The /widget page opened on its own (a link, a new
  // tab) has no host to tell: there "Snel weg" leaves the page itself and "Sluiten" is hidden.
  var embedded = root.getAttribute("data-embedded") === "true" && window.parent !== window;
  var sessionPattern = new RegExp(root.getAttribute("data-session-pattern"));

  var state = load();
  var busy = false;

  /* ---------- the conversation in sessionStorage ---------- */

  function emptyState() {
    return { sessionId: null, started: false, items: [], buttons: [], unanswered: [], callback: false };
  }

  function load() {
    try {
      var stored = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "null");
      if (stored && typeof stored === "object" && Array.isArray(stored.items)) {
        var fresh = emptyState();
        Object.keys(fresh).forEach(function (key) {
          if (stored[key] !== undefined) {
            fresh[key] = stored[key];
          }
        });
        if (fresh.sessionId !== null && !sessionPattern.test(String(fresh.sessionId))) {
          fresh.sessionId = null;
        }
        return fresh;
      }
    } catch (error) {
      /* unreadable or blocked storage: start afresh */
    }
    return emptyState();
  }

  function save() {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      /* Storage blocked: the conversation still works until the page is closed. */
    }
  }

  function wipe() {
    state = emptyState();
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* nothing to wipe */
    }
  }

  /* ---------- turning bot text into safe DOM nodes ---------- */

  // [label](url), a bare web address, an e-mail address, or a Dutch phone number (112, 113,
  // 0800-2000, 088 0767 000, 0900 - 112 0 112): numbers become tel: links that do not wrap.
  var LINK_PATTERN = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()]+)\)|(https?:\/\/[^\s<>"']+)|([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})|(?<![\w.+@-])(0\d{1,3}(?: ?- ?| )?\d{2,4}(?:[ -]?\d{1,4}){0,3}|11[23])(?!\.?\w)/g;
  var TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

  function safeWebUrl(candidate) {
    try {
      var url = new URL(candidate);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function makeLink(href, label, external) {
    var link = document.createElement("a");
    link.href = href;
    link.textContent = label;
    if (external) {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = TEXT.newWindow;
      link.appendChild(hint);
    }
    return link;
  }

  function appendRichText(parent, text) {
    var last = 0;
    var match;
    LINK_PATTERN.lastIndex = 0;
    while ((match = LINK_PATTERN.exec(text)) !== null) {
      var start = match.index;
      var whole = match[0];
      var node = null;
      if (match[1] !== undefined) {
        var markdownUrl = safeWebUrl(match[2]);
        node = markdownUrl ? makeLink(markdownUrl, match[1], true) : null;
      } else if (match[3] !== undefined) {
        var trailing = TRAILING_PUNCTUATION.exec(match[3]);
        var bare = trailing ? match[3].slice(0, trailing.index) : match[3];
        var bareUrl = safeWebUrl(bare);
        if (bareUrl) {
          node = makeLink(bareUrl, bare, true);
          whole = bare;
        }
      } else if (match[4] !== undefined) {
        node = makeLink("mailto:" + match[4], match[4], false);
      } else if (match[5] !== undefined) {
        node = makeLink("tel:" + match[5].replace(/\D/g, ""), match[5], false);
        node.className = "tel";
      }
      if (node) {
        parent.appendChild(document.createTextNode(text.slice(last, start)));
        parent.appendChild(node);
        last = start + whole.length;
        LINK_PATTERN.lastIndex = last;
      }
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* ---------- the message list ---------- */

  var LABELS = { user: "U", bot: "Chatassistent", notice: "Let op", info: "Info" };

  function scrollToEnd() {
    list.scrollTop = list.scrollHeight;
  }

  function render(item) {
    var bubble = document.createElement("div");
    bubble.className = "message message-" + item.kind;
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = LABELS[item.kind] + ": ";
    bubble.appendChild(who);
    if (item.kind === "bot") {
      appendRichText(bubble, item.text);
    } else {
      bubble.appendChild(document.createTextNode(item.text));
    }
    list.appendChild(bubble);
    scrollToEnd();
    return bubble;
  }

  function add(kind, text) {
    var item = { kind: kind, text: text };
    state.items.push(item);
    save();
    return render(item);
  }

  // A reply that does not fit is shown from its top: the first line (often the emergency
  // number) is read first, not the last.
  function showFromTop(first) {
    var hidden = first.getBoundingClientRect().top - list.getBoundingClientRect().top;
    if (hidden < 0) {
      list.scrollTop += hidden - 8;
    }
  }

  // Quick replies sit right after the message box, so Tab from the box reaches them at once.
  function renderButtons() {
    removeButtons();
    if (state.buttons.length === 0) {
      return;
    }
    state.buttons.forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "quick-reply";
      element.textContent = button.title;
      element.addEventListener("click", function () {
        chooseQuickReply(button.title, button.payload);
      });
      replies.appendChild(element);
    });
    replies.hidden = false;
  }

  function removeButtons() {
    if (replies.contains(document.activeElement)) {
      input.focus(); // never leave focus on a button that disappears
    }
    while (replies.firstChild) {
      replies.removeChild(replies.firstChild);
    }
    replies.hidden = true;
  }

  function addBotMessages(messages) {
    var buttons = [];
    var first = null;
    messages.forEach(function (message) {
      if (!message || typeof message !== "object") {
        return;
      }
      if (typeof message.text === "string" && message.text.trim() !== "") {
        var bubble = add("bot", message.text);
        first = first || bubble;
      }
      (Array.isArray(message.buttons) ? message.buttons : []).forEach(function (button) {
        if (button && typeof button.title === "string" && typeof button.payload === "string") {
          buttons.push({ title: button.title, payload: button.payload });
        }
      });
    });
    state.buttons = buttons;
    save();
    renderButtons();
    if (first) {
      showFromTop(first);
    }
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    typing.hidden = !value;
    status.textContent = value ? TEXT.typing : "";
    var buttons = replies.querySelectorAll(".quick-reply");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].disabled = value;
    }
  }

  /* ---------- talking to the gateway ---------- */

  function postJson(url, body) {
    return window
      .fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store"
      })
      .then(function (response) {
        return response.json().then(
          function (data) { return { status: response.status, data: data || {} }; },
          function () { return { status: response.status, data: {} }; }
        );
      });
  }

  function keepSessionId(data) {
    if (typeof data.session_id === "string" && sessionPattern.test(data.session_id)) {
      state.sessionId = data.session_id;
      save();
    }
  }

  // Sends one message; resolves to true when the assistant answered.
  function send(message, typed) {
    setBusy(true);
    return postJson(root.getAttribute("data-api-url"), { session_id: state.sessionId, message: message })
      .then(function (result) {
        var data = result.data;
        if (result.status === 200 && Array.isArray(data.messages)) {
          keepSessionId(data);
          addBotMessages(data.messages);
          return true;
        }
        if (result.status === 404) {
          state.sessionId = null; // unknown conversation: the next message starts a new one
        }
        if (result.status === 503) {
          keepSessionId(data);
          if (typed) {
            state.unanswered.push(typed);
          }
          if (data.terugbelverzoek === true) {
            state.callback = true;
          }
        }
        save();
        add("notice", typeof data.detail === "string" ? data.detail : TEXT.unknown);
        showCallbackForm();
        return false;
      })
      .catch(function () {
        add("notice", TEXT.connection);
        return false;
      })
      .then(function (answered) {
        setBusy(false);
        return answered;
      });
  }

  function chooseQuickReply(title, payload) {
    if (busy) {
      return;
    }
    add("user", title);
    state.buttons = [];
    save();
    removeButtons();
    send(payload, null).then(function () {
      input.focus();
    });
  }

  function submitTyped() {
    if (busy) {
      return;
    }
    var text = input.value.trim();
    if (text === "") {
      status.textContent = TEXT.empty;
      input.focus();
      return;
    }
    add("user", text);
    state.buttons = [];
    save();
    removeButtons();
    input.value = "";
    send(text, text).then(function (answered) {
      if (!answered && input.value === "") {
        input.value = text; // let the inwoner correct or resend it
      }
      input.focus();
    });
  }

  /* ---------- the call-back form (when the assistant is down) ---------- */

  var FIELDS = ["naam", "telefoon", "vraag", "toestemming"];

  function field(name) {
    return document.getElementById("callback-" + name);
  }

  function showCallbackForm() {
    if (!state.callback || !callbackForm.hidden) {
      return;
    }
    callbackForm.hidden = false;
    if (field("vraag").value === "") {
      field("vraag").value = state.unanswered.join("\n");
    }
  }

  function showFieldErrors(errors) {
    var first = null;
    FIELDS.forEach(function (name) {
      var message = errors[name] || "";
      document.getElementById("callback-" + name + "-fout").textContent = message;
      if (message) {
        field(name).setAttribute("aria-invalid", "true");
        first = first || field(name);
      } else {
        field(name).removeAttribute("aria-invalid");
      }
    });
    return first;
  }

  callbackForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true;
    var body = {
      session_id: state.sessionId,
      naam: field("naam").value,
      telefoon: field("telefoon").value,
      vraag: field("vraag").value,
      toestemming: field("toestemming").checked
    };
    postJson(root.getAttribute("data-callback-url"), body)
      .then(function (result) {
        var data = result.data;
        if (result.status === 200) {
          showFieldErrors({});
          callbackForm.hidden = true;
          callbackForm.reset();
          state.callback = false;
          state.unanswered = [];
          add("info", data.detail);
          input.focus();
          return;
        }
        if (result.status === 422 && data.fouten) {
          status.textContent = TEXT.callbackErrors;
          var first = showFieldErrors(data.fouten);
          if (first) {
            first.focus();
          }
          return;
        }
        add("notice", typeof data.detail === "string" ? data.detail : TEXT.unknown);
      })
      .catch(function () {
        add("notice", TEXT.connection);
      })
      .then(function () {
        busy = false;
      });
  });

  /* ---------- start, end and delete ---------- */

  function showConversation() {
    privacy.hidden = true;
    list.hidden = false;
    form.hidden = false;
    endButton.hidden = false;
  }

  function showPrivacy() {
    privacy.hidden = false;
    list.hidden = true;
    form.hidden = true;
    endButton.hidden = true;
    callbackForm.hidden = true;
  }

  function clearPage() {
    wipe();
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    removeButtons();
    callbackForm.reset();
    showFieldErrors({});
    input.value = "";
    status.textContent = "";
  }

  // The melding numbers (VD-XXXXXX) shown in this conversation, each once.
  function referencesShown() {
    var found = [];
    state.items.forEach(function (item) {
      (item.text.match(/\bVD-[A-Z0-9]{6}\b/g) || []).forEach(function (reference) {
        if (found.indexOf(reference) === -1) {
          found.push(reference);
        }
      });
    });
    return found;
  }

  function keptText() {
    var references = referencesShown();
    if (references.length === 1) {
      return TEXT.keptOne.replace("{ref}", references[0]);
    }
    if (references.length > 1) {
      return TEXT.keptMany.replace("{refs}", references.join(" en "));
    }
    return TEXT.keptMaybe;
  }

  startButton.addEventListener("click", function () {
    endResult.textContent = "";
    state.started = true;
    save();
    showConversation();
    input.focus();
    send(GREETING, null);
  });
  // Disabled in the page until this script has run: a press before that would do nothing.
  startButton.disabled = false;

  // "Gesprek beëindigen en wissen" first asks, and says what stays with the team.
  endButton.addEventListener("click", function () {
    if (busy) {
      return;
    }
    endKept.textContent = keptText();
    endDialog.showModal();
    // "Nee" is the safe choice; the question stays in view in a small (zoomed) window.
    document.getElementById("end-cancel").focus({ preventScroll: true });
    endDialog.scrollTop = 0;
  });

  document.getElementById("end-cancel").addEventListener("click", function () {
    endDialog.close();
  });

  endDialog.addEventListener("close", function () {
    if (!form.hidden) {
      input.focus();
    }
  });

  document.getElementById("end-confirm").addEventListener("click", function () {
    var sessionId = state.sessionId;
    var fallback = TEXT.deleted + " " + keptText();
    var done = sessionId
      ? postJson(root.getAttribute("data-end-url"), { session_id: sessionId }).catch(function () {
          return null;
        })
      : Promise.resolve(null);
    done.then(function (result) {
      var detail = result && typeof result.data.detail === "string" ? result.data.detail : fallback;
      clearPage();
      showPrivacy();
      endDialog.close();
      endResult.textContent = detail;
      endResult.focus(); // read first; "Start het gesprek" is the next Tab
    });
  });

  // "Snel weg": for someone who must hide the chat at once. The page and its storage are
  // cleared, the conversation is erased at the gateway, and the browser leaves for a neutral
  // page (in the widget, the whole web site is left, see widget.js).
  exitButton.addEventListener("click", function () {
    var sessionId = state.sessionId;
    var exitUrl = root.getAttribute("data-exit-url");
    if (sessionId) {
      window
        .fetch(root.getAttribute("data-end-url"), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ session_id: sessionId }),
          credentials: "same-origin",
          keepalive: true
        })
        .catch(function () {
          return null;
        });
    }
    clearPage();
    showPrivacy();
    if (embedded) {
      window.parent.postMessage({ type: "voordeur:snel-weg", url: exitUrl }, "*");
    } else {
      window.location.replace(exitUrl);
    }
  });

  if (closeButton && !embedded) {
    closeButton.hidden = true;
  } else if (closeButton) {
    var closeWidget = function () {
      window.parent.postMessage({ type: "voordeur:sluiten" }, "*");
    };
    closeButton.addEventListener("click", closeWidget);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !endDialog.open) {
        closeWidget();
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitTyped();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitTyped();
    }
  });

  if (state.started) {
    showConversation();
    state.items.forEach(render);
    renderButtons();
    showCallbackForm();
  } else {
    showPrivacy();
  }
})();
