/* 普法答题: turns the complete quiz page (every question with its answer and explanation) into one question at
 * a time. Each answer is checked at once against the page's own data-answer and the explanation with the
 * cited article is revealed; the end shows the score and lets the visitor review the wrong answers.
 * Nothing is sent anywhere and nothing is stored: the answers live in this page's memory only. */
(function () {
  "use strict";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function start(root) {
    var questions = all(root, "[data-question]");
    if (!questions.length) return;
    var bar = root.querySelector("[data-bar]");
    var progress = root.querySelector("[data-progress]");
    var submit = root.querySelector("[data-submit]");
    var next = root.querySelector("[data-next]");
    var result = root.querySelector("[data-result]");
    var note = document.querySelector("[data-static-note]");
    var current = 0;
    var first = 0;
    var outcome = [];  // per question: true (right), false (wrong) or undefined (not answered)

    function key(section) {
      return section.getAttribute("data-answer").split(",").sort().join(",");
    }

    function inputs(section) {
      return all(section, "[data-choices] input");
    }

    function reset(section) {
      section.querySelector("[data-static]").hidden = true;
      section.querySelector("[data-choices]").hidden = false;
      section.querySelector("[data-explain]").hidden = true;
      var verdict = section.querySelector("[data-verdict]");
      verdict.hidden = true;
      verdict.textContent = "";
      verdict.className = "quiz-verdict";
      inputs(section).forEach(function (input) { input.checked = false; input.disabled = false; });
      all(section, "[data-choice]").forEach(function (label) { label.className = "quiz-choice"; });
      all(section, "[data-mark]").forEach(function (mark) { mark.textContent = ""; });
    }

    function show(index, focus) {
      current = index;
      result.hidden = true;
      root.classList.remove("quiz--review");
      questions.forEach(function (section, i) { section.hidden = i !== index; });
      reset(questions[index]);
      bar.hidden = false;
      submit.hidden = false;
      next.hidden = true;
      progress.textContent = "第 " + (index + 1) + " 题，共 " + questions.length + " 题";
      if (focus) questions[index].querySelector(".quiz-q__stem").focus();
    }

    function answer() {
      var section = questions[current];
      var chosen = inputs(section).filter(function (input) { return input.checked; });
      if (!chosen.length) {
        progress.textContent = "请先选择答案（第 " + (current + 1) + " 题，共 " + questions.length + " 题）";
        inputs(section)[0].focus();
        return;
      }
      var given = chosen.map(function (input) { return input.value; }).sort().join(",");
      var right = given === key(section);
      var keys = key(section).split(",");
      outcome[current] = right;
      inputs(section).forEach(function (input) {
        input.disabled = true;
        var label = input.closest("[data-choice]");
        var mark = label.querySelector("[data-mark]");
        if (keys.indexOf(input.value) !== -1) {
          label.className = "quiz-choice quiz-choice--right";
          mark.textContent = input.checked ? "✓ 您的选择，正确" : "✓ 正确答案";
        } else if (input.checked) {
          label.className = "quiz-choice quiz-choice--wrong";
          mark.textContent = "✗ 您的选择";
        }
      });
      var verdict = section.querySelector("[data-verdict]");
      verdict.textContent = right ? "回答正确！" : "回答错误。";
      verdict.className = "quiz-verdict " + (right ? "quiz-verdict--right" : "quiz-verdict--wrong");
      verdict.hidden = false;
      section.querySelector("[data-explain]").hidden = false;
      submit.hidden = true;
      next.hidden = false;
      next.textContent = current === questions.length - 1 ? "查看成绩" : "下一题";
      progress.textContent = "第 " + (current + 1) + " 题，共 " + questions.length + " 题：" + verdict.textContent;
      verdict.focus();
    }

    function finish() {
      var answered = 0, right = 0, wrong = 0;
      outcome.forEach(function (value) {
        if (value === undefined) return;
        answered += 1;
        if (value) right += 1; else wrong += 1;
      });
      questions.forEach(function (section) { section.hidden = true; });
      bar.hidden = true;
      result.hidden = false;
      var score = answered ? Math.round(100 * right / answered) : 0;
      result.querySelector("[data-score]").textContent = "答对 " + right + " 题，共答 " + answered + " 题，得分 " + score + " 分";
      result.querySelector("[data-summary]").textContent = wrong
        ? "答错 " + wrong + " 题。点“查看答错的题”，看看正确答案和所依据的法律条文。"
        : "全部答对，真棒！";
      result.querySelector("[data-review]").hidden = wrong === 0;
      result.querySelector("#quiz-result-title").focus();
    }

    function review() {
      root.classList.add("quiz--review");
      var firstWrong = null;
      questions.forEach(function (section, i) {
        var wrong = outcome[i] === false;
        section.hidden = !wrong;
        if (wrong && !firstWrong) firstWrong = section;
      });
      if (firstWrong) firstWrong.querySelector(".quiz-q__stem").focus();
    }

    function restart() {
      outcome = [];
      show(0, true);
    }

    submit.addEventListener("click", answer);
    next.addEventListener("click", function () {
      if (current === questions.length - 1) finish();
      else show(current + 1, true);
    });
    result.querySelector("[data-review]").addEventListener("click", review);
    result.querySelector("[data-restart]").addEventListener("click", restart);
    // Enter on an option confirms it, as in a form (radios alone do not submit anything).
    root.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.matches("[data-choices] input") && !submit.hidden) {
        event.preventDefault();
        answer();
      }
    });

    root.classList.add("quiz--live");
    if (note) note.hidden = true;
    // A link to one question (#ti-3, e.g. from a law article's 相关答题) starts the quiz there.
    function linked() {
      var hash = window.location.hash.slice(1);
      for (var i = 0; i < questions.length; i += 1) if (questions[i].id === hash) return i;
      return -1;
    }
    window.addEventListener("hashchange", function () {
      var index = linked();
      if (index !== -1) show(index, true);
    });
    first = Math.max(0, linked());
    show(first, first !== 0);
  }

  function init() {
    all(document, "[data-quiz]").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
