/* Voordeur chat page: talks to the gateway's /api/v1/chat. No framework, no external requests.
   Message text is only ever put on the page as text nodes (textContent), never as markup. */
(function () {
  "use strict";

  var STORAGE_KEY = "voordeur.sessionId";
  var GREETING = "/greet";
  var TEXT = {
    connection: "Er ging iets mis met de verbinding. Controleer uw internet en probeer het opnieuw.",
    unknown: "Er ging iets mis. Probeer het later opnieuw.",
    empty: "Typ eerst een bericht.",
    typing: "De chatassistent typt een antwoord…",
    welcomeBack: "Welkom terug. U kunt verder gaan met uw vraag. Wilt u opnieuw beginnen? Kies dan 'Nieuw gesprek'.",
    newWindow: " (opent in een nieuw tabblad)"
  };

  var root = document.getElementById("chat");
  var list = document.getElementById("messages");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("message-input");
  var sendButton = document.getElementById("send-button");
  var status = document.getElementById("chat-status");
  var newConversation = document.getElementById("new-conversation");
  var apiUrl = root.getAttribute("data-api-url");
  var sessionPattern = new RegExp(root.getAttribute("data-session-pattern"));

  var sessionId = loadSessionId();
  var busy = false;

  /* ---------- session id in localStorage ---------- */

  function loadSessionId() {
    try {
      var stored = window.localStorage.getItem(STORAGE_KEY);
      return stored && sessionPattern.test(stored) ? stored : null;
    } catch (error) {
      return null;
    }
  }

  function saveSessionId(value) {
    try {
      window.localStorage.setItem(STORAGE_KEY, value);
    } catch (error) {
      /* Storage blocked: the conversation still works until the page is closed. */
    }
  }

  function forgetSessionId() {
    sessionId = null;
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* nothing to forget */
    }
  }

  /* ---------- turning bot text into safe DOM nodes ---------- */

  // [label](url), a bare web address, or an e-mail address.
  var LINK_PATTERN = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()]+)\)|(https?:\/\/[^\s<>"']+)|([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
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

  function scrollToEnd() {
    list.scrollTop = list.scrollHeight;
  }

  function addBubble(kind, label) {
    var item = document.createElement("div");
    item.className = "message message-" + kind;
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = label + ": ";
    item.appendChild(who);
    list.appendChild(item);
    return item;
  }

  function addUserMessage(text) {
    var bubble = addBubble("user", "U");
    bubble.appendChild(document.createTextNode(text));
    scrollToEnd();
  }

  function addNotice(text) {
    var bubble = addBubble("notice", "Let op");
    bubble.appendChild(document.createTextNode(text));
    scrollToEnd();
  }

  function addInfo(text) {
    var bubble = addBubble("info", "Info");
    bubble.appendChild(document.createTextNode(text));
    scrollToEnd();
  }

  function addBotMessage(message) {
    if (!message || typeof message !== "object") {
      return;
    }
    var hasText = typeof message.text === "string" && message.text.trim() !== "";
    var buttons = Array.isArray(message.buttons) ? message.buttons : [];
    if (hasText) {
      var bubble = addBubble("bot", "Chatassistent");
      appendRichText(bubble, message.text);
    }
    var valid = buttons.filter(function (button) {
      return button && typeof button.title === "string" && typeof button.payload === "string";
    });
    if (valid.length > 0) {
      var group = document.createElement("div");
      group.className = "quick-replies";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Kies een antwoord");
      valid.forEach(function (button) {
        var element = document.createElement("button");
        element.type = "button";
        element.className = "quick-reply";
        element.textContent = button.title;
        element.addEventListener("click", function () {
          chooseQuickReply(button.title, button.payload);
        });
        group.appendChild(element);
      });
      list.appendChild(group);
    }
    scrollToEnd();
  }

  function removeQuickReplies() {
    var groups = list.querySelectorAll(".quick-replies");
    for (var i = 0; i < groups.length; i += 1) {
      groups[i].parentNode.removeChild(groups[i]);
    }
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    status.textContent = value ? TEXT.typing : "";
    var replies = list.querySelectorAll(".quick-reply");
    for (var i = 0; i < replies.length; i += 1) {
      replies[i].disabled = value;
    }
  }

  /* ---------- talking to the gateway ---------- */

  // Sends one message; resolves to true when the assistant answered.
  function send(message) {
    setBusy(true);
    var body = JSON.stringify({ session_id: sessionId, message: message });
    return window
      .fetch(apiUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: body,
        credentials: "same-origin",
        cache: "no-store"
      })
      .then(function (response) {
        return response.json().then(
          function (data) { return { ok: response.ok, data: data }; },
          function () { return { ok: false, data: null }; }
        );
      })
      .then(function (result) {
        var data = result.data;
        if (result.ok && data && Array.isArray(data.messages)) {
          if (typeof data.session_id === "string" && sessionPattern.test(data.session_id)) {
            sessionId = data.session_id;
            saveSessionId(sessionId);
          }
          removeQuickReplies();
          data.messages.forEach(addBotMessage);
          return true;
        }
        addNotice(data && typeof data.detail === "string" ? data.detail : TEXT.unknown);
        return false;
      })
      .catch(function () {
        addNotice(TEXT.connection);
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
    addUserMessage(title);
    send(payload).then(function () {
      input.focus();
    });
  }

  function submitTyped() {
    if (busy) {
      return;
    }
    var text = input.value;
    if (text.trim() === "") {
      status.textContent = TEXT.empty;
      input.focus();
      return;
    }
    addUserMessage(text.trim());
    input.value = "";
    send(text).then(function (answered) {
      if (!answered && input.value === "") {
        input.value = text; // let the inwoner correct or resend it
      }
      input.focus();
    });
  }

  function greet() {
    send(GREETING);
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

  newConversation.addEventListener("click", function () {
    if (busy) {
      return;
    }
    forgetSessionId();
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    greet();
    input.focus();
  });

  if (sessionId) {
    addInfo(TEXT.welcomeBack);
  } else {
    greet();
  }
})();
