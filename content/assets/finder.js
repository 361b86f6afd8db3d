/* 政策找找看: applies the matching rule to the visitor's answers, in the browser. Nothing is sent anywhere.
 * The rule mirrors hooks/govsite/types/services/matching.py (tests compare both on many profiles):
 * a profile gives each question's still-possible answers; a benefit is 适用 when every completion of the
 * profile satisfies a rule without 另需, 不适用 when none satisfies any rule, otherwise 可能适用. */
(function () {
  "use strict";

  var APPLIES = "适用", MAYBE = "可能适用", NO = "不适用";

  function accepts(rule, answer) {
    return Object.keys(rule.accepts).every(function (name) {
      return rule.accepts[name].indexOf(answer[name]) !== -1;
    });
  }

  function completion(rules, answer) {
    if (rules.some(function (r) { return !r.extra && accepts(r, answer); })) return "yes";
    if (rules.some(function (r) { return r.extra && accepts(r, answer); })) return "extra";
    return "no";
  }

  // All combinations of the possible answers to `names` (arrays of values, in option order).
  function product(choices) {
    var out = [[]];
    choices.forEach(function (values) {
      var next = [];
      out.forEach(function (prefix) {
        values.forEach(function (v) { next.push(prefix.concat([v])); });
      });
      out = next;
    });
    return out;
  }

  // profile: {question name: [possible answers]}; questions: [{name, options}] in order.
  function evaluate(rules, profile, questions) {
    var order = questions.map(function (q) { return q.name; });
    var used = {};
    rules.forEach(function (r) { Object.keys(r.accepts).forEach(function (n) { used[n] = true; }); });
    var names = order.filter(function (n) { return used[n]; });
    var choices = names.map(function (n) {
      var options = questions[order.indexOf(n)].options;
      var possible = profile[n] || options;
      return options.filter(function (v) { return possible.indexOf(v) !== -1; });
    });
    var combos = product(choices);
    var results = {};
    var kinds = {};
    combos.forEach(function (combo) {
      var answer = {};
      names.forEach(function (n, i) { answer[n] = combo[i]; });
      var kind = completion(rules, answer);
      results[JSON.stringify(combo)] = kind;
      kinds[kind] = true;
    });
    var kindList = Object.keys(kinds);
    if (kindList.length === 1 && kinds.yes) return { status: APPLIES, dependsOn: [], extras: [] };
    if (kindList.length === 1 && kinds.no) return { status: NO, dependsOn: [], extras: [] };
    var depends = [];
    names.forEach(function (name, index) {
      if (choices[index].length < 2) return;
      var changes = combos.some(function (combo) {
        var kind = results[JSON.stringify(combo)];
        return choices[index].some(function (other) {
          var changed = combo.slice();
          changed[index] = other;
          return results[JSON.stringify(changed)] !== kind;
        });
      });
      if (changes) depends.push(name);
    });
    var extras = [];
    rules.forEach(function (rule) {
      if (!rule.extra || extras.indexOf(rule.extra) !== -1) return;
      var possible = combos.some(function (combo) {
        var answer = {};
        names.forEach(function (n, i) { answer[n] = combo[i]; });
        return accepts(rule, answer);
      });
      if (possible) extras.push(rule.extra);
    });
    return { status: MAYBE, dependsOn: depends, extras: extras };
  }

  function reason(outcome) {
    var parts = [];
    if (outcome.dependsOn.length) {
      parts.push("取决于" + outcome.dependsOn.map(function (n) { return "“" + n + "”"; }).join("") + "的回答");
    }
    outcome.extras.forEach(function (text) { parts.push("另需" + text); });
    return parts.join("；");
  }

  function shown(question, profile, questions) {
    if (!question.showIf.length) return true;
    return evaluate(question.showIf, profile, questions).status === APPLIES;
  }

  // answers: {question name: chosen value}; questions not asked (hidden) stay open.
  function evaluateAll(data, answers) {
    var profile = {};
    var asked = {};
    data.questions.forEach(function (q) {
      if (shown(q, profile, data.questions)) {
        asked[q.name] = true;
        if (answers[q.name]) profile[q.name] = [answers[q.name]];
      }
    });
    var out = {};
    data.benefits.forEach(function (b) {
      var outcome = evaluate(b.rules, profile, data.questions);
      outcome.reason = reason(outcome);
      out[b.id] = outcome;
    });
    return { outcomes: out, asked: asked };
  }

  // An audience concerns the visitor when he answered every question of its profile within it.
  function audiencesOf(data, answers) {
    return data.audiences.filter(function (a) {
      return Object.keys(a.profile).every(function (name) {
        return answers[name] && a.profile[name].indexOf(answers[name]) !== -1;
      });
    }).map(function (a) { return a.id; });
  }

  window.govFinder = { evaluate: evaluate, evaluateAll: evaluateAll, reason: reason, audiencesOf: audiencesOf };

  function start(data) {
    var form = document.getElementById("gov-finder");
    var list = document.getElementById("gov-benefits");
    var summary = document.getElementById("gov-finder-summary");
    var audiences = document.getElementById("gov-finder-audiences");
    var count = document.getElementById("gov-finder-count");
    var feeds = document.getElementById("gov-finder-feeds");
    var pufa = document.getElementById("gov-finder-pufa");
    var heading = document.getElementById("zhengce");
    var headingText = heading ? heading.firstChild.nodeValue : "";
    var countText = count ? count.innerHTML : "";
    var cards = Array.prototype.slice.call(list.querySelectorAll("[data-benefit]"));
    var fieldsets = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));

    function answers() {
      var out = {};
      fieldsets.forEach(function (fs) {
        var checked = fs.querySelector("input:checked");
        if (checked && !fs.hidden) out[fs.getAttribute("data-question")] = checked.value;
      });
      return out;
    }

    var shortlist = document.getElementById("gov-finder-shortlist");
    var expand = shortlist && shortlist.querySelector("[data-finder-expand]");
    var expanded = false;  // before an answer: every card shown on request
    var any = false;

    function title(card) {
      return card.querySelector(".gov-benefit__title").firstChild.nodeValue.trim();
    }

    // The list of titles before the cards: on a phone the cards run to many screens. Before an answer it holds
    // every benefit (groups null), after one what applies and what may apply.
    function fillShortlist(groups) {
      if (!shortlist) return;
      shortlist.hidden = false;
      var lists = groups ? { "全部": [] } : { "全部": cards, "适用": [], "可能适用": [] };
      if (groups) { lists[APPLIES] = groups[APPLIES]; lists[MAYBE] = groups[MAYBE]; }
      ["全部", APPLIES, MAYBE].forEach(function (status) {
        var ol = shortlist.querySelector('[data-shortlist="' + status + '"]');
        var heading = shortlist.querySelector('[data-shortlist-heading="' + status + '"]');
        ol.textContent = "";
        lists[status].forEach(function (card) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = "#" + card.id;
          a.textContent = title(card);
          li.appendChild(a);
          ol.appendChild(li);
        });
        ol.hidden = heading.hidden = lists[status].length === 0;
        heading.textContent = (status === "全部" ? "全部政策与服务" : status === APPLIES ? "适用于您" : "可能适用（需看具体情况）") +
          "：" + lists[status].length + " 项";
      });
      if (expand) expand.hidden = !!groups || expanded;
      cards.forEach(function (card) {
        card.querySelector(".gov-benefit__back").hidden = false;
      });
    }

    // A card asked for by its address (a title in the list, a link from another page) is shown, opened.
    function reveal() {
      var id = decodeURIComponent(location.hash.slice(1));
      var target = id && document.getElementById(id);
      if (!target) return;
      var card = target.closest("[data-benefit]");
      if (card && card.hidden && (!any || card.getAttribute("data-fit") !== NO)) {
        card.hidden = false;
        card.scrollIntoView();
      }
      var box = target.closest("details.gov-audience");
      if (box && !box.open) { box.open = true; target.scrollIntoView(); }
    }

    function update() {
      // Show the questions that apply; forget answers to hidden ones.
      var given = answers();
      var result = window.govFinder.evaluateAll(data, given);
      fieldsets.forEach(function (fs) {
        var hide = !result.asked[fs.getAttribute("data-question")];
        if (hide && !fs.hidden) {
          Array.prototype.forEach.call(fs.querySelectorAll("input"), function (input) { input.checked = false; });
        }
        fs.hidden = hide;
      });
      given = answers();
      result = window.govFinder.evaluateAll(data, given);
      any = Object.keys(given).length > 0;
      var groups = { "适用": [], "可能适用": [], "不适用": [] };
      cards.forEach(function (card) {
        var outcome = result.outcomes[card.getAttribute("data-benefit")];
        var fit = card.querySelector(".gov-benefit__fit");
        var status = any ? outcome.status : "";
        // before an answer the cards wait behind the list of titles, unless asked for
        card.hidden = any ? status === NO : !expanded && "#" + card.id !== location.hash;
        card.setAttribute("data-fit", status);
        if (status && status !== NO) {
          fit.hidden = false;
          fit.className = "gov-benefit__fit gov-benefit__fit--" + (status === APPLIES ? "yes" : "maybe");
          fit.textContent = status === APPLIES ? "适用于您" : "可能适用：" + outcome.reason;
        } else {
          fit.hidden = true;
          fit.textContent = "";
        }
        groups[any ? outcome.status : APPLIES].push(card);
      });
      // Surely applicable first, then possibly applicable, in data order within each.
      groups[APPLIES].concat(groups[MAYBE], groups[NO]).forEach(function (card) { list.appendChild(card); });
      fillShortlist(any ? groups : null);
      if (audiences) audiences.hidden = any;
      var mine = audiencesOf(data, given);
      // The visitor's audiences: their feeds and their 普法 pages
      [feeds, pufa].forEach(function (box) {
        if (!box) return;
        Array.prototype.forEach.call(box.querySelectorAll("[data-audience]"), function (li) {
          li.hidden = mine.indexOf(li.getAttribute("data-audience")) === -1;
        });
        box.hidden = mine.length === 0;
      });
      summary.className = "gov-finder__summary" + (any ? " gov-finder__summary--live" : "");
      if (heading) heading.firstChild.nodeValue = any ? "适用于您的政策与服务" : headingText;
      if (!any) {
        summary.textContent = "请从“您是哪一类人员？”开始选择，结果会立即显示在下方。";
        if (count) count.innerHTML = countText;
      } else {
        summary.textContent = "根据您的回答：" + groups[APPLIES].length + " 项政策适用于您，" +
          groups[MAYBE].length + " 项可能适用。";
        var jump = document.createElement("a");
        jump.href = "#zhengce";
        jump.textContent = "查看结果";
        summary.appendChild(jump);
        if (count) count.textContent = "以下是适用和可能适用于您的 " + (groups[APPLIES].length + groups[MAYBE].length) + " 项政策。";
      }
    }

    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    if (expand) expand.addEventListener("click", function () { expanded = true; update(); });
    window.addEventListener("hashchange", reveal);
    form.hidden = false;
    update();
    reveal();
  }

  function init() {
    var form = document.getElementById("gov-finder");
    if (!form) return;
    var url = new URL(form.getAttribute("data-json"), window.location.href);
    fetch(url.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(start)
      .catch(function () { /* keep the plain lists: the page works without the finder */ });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
