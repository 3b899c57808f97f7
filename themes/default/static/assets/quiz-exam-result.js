/* shian 模拟考试, the result screen after the hand-in: verdict, facts, the result code (from
   quiz-result.js), breakdown, 再考一次, download and the review. Sets window.shianExam.result(ctx) ->
   { show(body, section) } for quiz-exam.js. Needs quiz-core.js. */
(function () {
  'use strict';
  var Q = window.shianQuiz;
  if (!Q) { return; }
  var tr = Q.tr, el = Q.el;

  var ctx, quiz, exam; // from quiz-exam.js: window.shianExam.result(ctx), at the end

  function show(body, section) {
    var att = ctx.att(), paper = ctx.paper(), r = att.result, pass = !!r.passed;
    body.appendChild(el('div', { 'class': 'result-banner ' + (pass ? 'is-pass' : 'is-fail') }, [
      el('p', { 'class': 'result-verdict', 'data-passed': pass ? 'true' : 'false' }, [Q.icon(pass ? '✓' : '✗'), ' ', tr(pass ? 'result_passed' : 'result_failed')]),
      el('p', { 'class': 'result-score' }, [tr('result_score') + tr('sep'), el('strong', { 'data-score': '', text: Q.num(r.score) + ' / ' + Q.num(r.total) })]),
      el('p', { text: tr('result_percent', { percent: Q.num(r.percent), pass: exam.pass_percent }) })
    ]));
    if (r.auto) { body.appendChild(el('p', { 'class': 'notice result-notice', text: tr('exam_time_up') })); }
    body.appendChild(facts(att, r));
    var code = window.shianCode && window.shianQR && window.shianResult ? resultCode(att, paper) : '';
    if (code) {
      body.appendChild(window.shianResult.codeSection({
        code: code, title: exam.title || quiz.title, passed: pass, score: r.score, total: r.total, percent: r.percent,
        names: (exam.collect || []).map(function (k) { return [k, (Q.obj(att.collected) || {})[k] || '']; }),
        date: Q.stamp(r.ended)
      }));
    }
    body.appendChild(breakdown(r));
    if (r.wrong_added) {
      body.appendChild(el('p', { 'class': 'result-wrong' }, [tr('result_wrong_added', { n: r.wrong_added }), ' ',
        el('a', { href: ctx.root + ctx.wrongHref, text: tr('to_wrong') })]));
    }
    body.appendChild(actions(section, code));
    body.appendChild(el('h2', { 'class': 'review-title', text: tr('result_review') }));
    body.appendChild(review(att, paper));
  }

  function facts(att, r) {
    var list = el('dl', { 'class': 'facts result-facts' });
    function fact(k, v) { list.appendChild(el('div', null, [el('dt', { text: k }), el('dd', { text: v })])); }
    fact(tr('result_exam'), exam.title || quiz.title);
    Object.keys(Q.obj(att.collected) || {}).forEach(function (k) { fact(k, att.collected[k]); });
    var used = Math.max(0, Math.round(r.used / 1000));
    fact(tr('result_time_used'), tr('result_duration', { m: Math.floor(used / 60), s: used % 60 }));
    fact(tr('result_started'), Q.stamp(att.started));
    fact(tr('result_ended'), Q.stamp(r.ended));
    fact(tr('result_seed'), '' + att.seed);
    if (quiz.edition) { fact(tr('result_edition'), quiz.edition); }
    return list;
  }

  // The result code (docs/results.md): what the organiser grades again with `shian quiz grade`.
  function resultCode(att, paper) {
    return window.shianCode.result({
      quiz: exam.id, edition: quiz.edition || '', hash: quiz.hash, seed: att.seed, started: att.started,
      ended: att.result.ended, leaves: +att.leaves || 0,
      collected: (exam.collect || []).map(function (k) { return (Q.obj(att.collected) || {})[k] || ''; }),
      answers: paper.map(function (p) {
        var a = att.answers[p.id] instanceof Array ? att.answers[p.id] : [];
        return a.reduce(function (m, i) { return m | 1 << i; }, 0);
      })
    });
  }

  // 再考一次, the two print buttons (with quiz-result.js) and the JSON download.
  function actions(section, code) {
    var prints = window.shianResult ? window.shianResult.printButtons(section) : [];
    var down = el('button', { type: 'button', 'class': 'button button-secondary', text: tr('result_download') });
    var again = el('button', { type: 'button', 'class': 'button', 'data-retry': '', text: tr('result_retry') });
    down.addEventListener('click', function () { Q.download('shian-' + quiz.id.replace(/\W+/g, '-') + '-' + ctx.att().seed + '.json', record(code)); });
    again.addEventListener('click', ctx.retry);
    return el('p', { 'class': 'result-actions' }, [again, ' '].concat(prints.length ? [prints[0], ' ', prints[1], ' '] : [], [down]));
  }

  function breakdown(r) {
    var tb = el('tbody');
    r.categories.forEach(function (c) {
      tb.appendChild(el('tr', null, [el('th', { scope: 'row', text: c.name || '-' }), el('td', { text: '' + c.count }), el('td', { text: '' + c.right }), el('td', { text: Q.num(c.points) + ' / ' + Q.num(c.max) })]));
    });
    return el('table', { 'class': 'result-table' }, [
      el('caption', { text: tr('result_categories') }),
      el('thead', null, [el('tr', null, ['result_col_category', 'result_col_count', 'result_col_right', 'result_col_points'].map(function (k) { return el('th', { scope: 'col', text: tr(k) }); }))]),
      tb,
      el('tfoot', null, [el('tr', null, [el('th', { scope: 'row', text: tr('result_all') }), el('td', { text: '' + r.count }), el('td', { text: '' + r.right }), el('td', { text: Q.num(r.score) + ' / ' + Q.num(r.total) })])])
    ]);
  }

  // Every question with every option marked: the correct ones, the learner's choice, ✓/✗ in text.
  function review(att, paper) {
    var list = el('ol', { 'class': 'review' });
    paper.forEach(function (p, i) {
      var q = ctx.byId[p.id], chosen = att.answers[p.id] instanceof Array ? att.answers[p.id] : [];
      var got = Q.grade(q, chosen, p.points, exam.multi), full = got >= p.points - 1e-9;
      var state = !chosen.length ? 'unanswered' : full ? 'right' : got > 0 ? 'partial' : 'wrong';
      var opts = el('ul', { 'class': 'opts' });
      p.order.forEach(function (src, pos) {
        var o = q.options[src], mine = chosen.indexOf(src) > -1, tags = [];
        if (o.correct) { tags.push(el('strong', { 'class': 'opt-tag', text: tr('correct_option') })); }
        if (mine) { tags.push(el('span', { 'class': 'opt-tag opt-mine', text: tr('result_your_choice') })); }
        opts.appendChild(el('li', { 'class': 'opt-row' + (o.correct ? ' is-correct' : '') + (mine ? ' is-chosen' : '') + (mine && !o.correct ? ' is-wrong' : '') }, [
          el('span', { 'class': 'opt-icon', 'aria-hidden': 'true', text: o.correct ? '✓' : mine ? '✗' : '' }),
          el('span', { 'class': 'opt-text', html: (q.type == 'tf' ? '' : '<span class="opt-letter">' + String.fromCharCode(65 + pos) + '.</span> ') + o.html })
        ].concat(tags.length ? [' '] : [], tags)));
      });
      list.appendChild(el('li', { 'class': 'q review-item is-' + state, 'data-qid': q.id }, [
        el('h3', { 'class': 'q-head' }, [
          el('span', { 'class': 'q-num', text: tr('question_number', { n: i + 1 }) }), ' ',
          el('span', { 'class': 'q-type', text: q.type_label }), ' ',
          el('span', { 'class': 'review-verdict' }, [Q.icon(full ? '✓' : '✗'), ' ', tr('result_q_' + state)]), ' ',
          el('span', { 'class': 'review-points', text: tr('result_q_points', { got: Q.num(got), points: Q.num(p.points) }) })
        ]),
        q.context ? el('div', { 'class': 'q-context', html: q.context }) : null,
        el('div', { 'class': 'q-stem', html: q.stem }),
        opts,
        Q.answer(q, ctx.root, p.order)
      ]));
    });
    return list;
  }

  // The JSON download: the attempt as handed in, with its result code.
  function record(code) {
    var att = ctx.att(), paper = ctx.paper(), r = att.result;
    return {
      format: 'shian-exam-result', version: 2, code: code, quiz: quiz.id, title: exam.title || quiz.title, edition: quiz.edition || '',
      hash: quiz.hash, seed: att.seed, questions: paper.map(function (p) { return p.id; }), answers: att.answers,
      started: new Date(att.started).toISOString(), ended: new Date(r.ended).toISOString(), collected: att.collected,
      leaves: +att.leaves || 0, score: r.score, total: r.total, passed: r.passed
    };
  }

  (window.shianExam = window.shianExam || {}).result = function (c) {
    ctx = c;
    quiz = c.quiz;
    exam = c.exam;
    return { show: show };
  };
}());
