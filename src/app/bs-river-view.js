/* bs-river-view.js
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The river of news' own script. It runs in Broadsheet's isolated world
 * (page scripts never run at all), the only world where the message
 * handler "broadsheet" exists. It tells the app when the reader nears the
 * bottom ("more"), when an article has scrolled past the top ("passed")
 * and when the reader is back at the top ("top"); the app answers with
 * bsRiver.add(), which puts articles in the document: the header the app
 * wrote (escaped) and the body core sanitised, each body parsed inside
 * its own element so that it cannot reach outside it.
 */
'use strict';

(function () {
  const river = document.getElementById ('river');

  if (river === null || river.dataset.generation === undefined)
    return;

  const generation = Number (river.dataset.generation);
  const end = document.getElementById ('river-end');
  const empty = document.getElementById ('river-empty');
  const handler = window.webkit.messageHandlers.broadsheet;
  const articles = new Map ();    /* id → <article> */
  const passed = new WeakSet ();
  let waiting = false;            /* asked for more, no answer yet */
  let exhausted = false;
  let atTop = true;
  let scheduled = false;

  function post (type, extra) {
    handler.postMessage (Object.assign ({ generation: generation, type: type }, extra || {}));
  }

  function markPassed (article) {
    if (passed.has (article))
      return;
    passed.add (article);
    post ('passed', { id: Number (article.dataset.id) });
  }

  /* An article is read once it has scrolled out at the top. */
  const observer = new IntersectionObserver ((records) => {
    for (const record of records) {
      if (!record.isIntersecting && record.rootBounds !== null
          && record.boundingClientRect.bottom <= record.rootBounds.top + 1)
        markPassed (record.target);
    }
  });

  function scroller () {
    return document.scrollingElement || document.documentElement;
  }

  function check (byUser) {
    const s = scroller ();
    const bottom = s.scrollTop + window.innerHeight;

    if (!waiting && !exhausted && bottom >= s.scrollHeight - 2 * window.innerHeight) {
      waiting = true;
      post ('more');
    }
    /* at the very end the last articles cannot scroll out: the reader
     * scrolling down to the end has read them */
    if (byUser && exhausted && s.scrollTop > 0 && bottom >= s.scrollHeight - 2) {
      for (let node = river.lastElementChild; node !== null; node = node.previousElementSibling) {
        if (node.tagName !== 'ARTICLE')
          continue;
        if (node.getBoundingClientRect ().bottom < 0)
          break;
        markPassed (node);
      }
    }
    const top = s.scrollTop < 8;
    if (top !== atTop) {
      atTop = top;
      if (top)
        post ('top');
    }
  }

  window.addEventListener ('scroll', () => {
    if (scheduled)
      return;
    scheduled = true;
    window.requestAnimationFrame (() => {
      scheduled = false;
      check (true);
    });
  }, { passive: true });

  /* A heading before the first article of each day, and nowhere else. */
  function relabel (labels) {
    let previousDay = null;

    for (let node = river.firstElementChild; node !== null;) {
      const next = node.nextElementSibling;

      if (node.tagName === 'H2') {
        if (next === null || next.tagName !== 'ARTICLE' || next.dataset.day !== node.dataset.day
            || node.dataset.day === previousDay)
          node.remove ();
        else if (labels[node.dataset.day] !== undefined)
          node.textContent = labels[node.dataset.day];
      } else if (node.tagName === 'ARTICLE') {
        const day = node.dataset.day;

        if (day !== previousDay) {
          const before = node.previousElementSibling;

          if (before === null || before.tagName !== 'H2' || before.dataset.day !== day) {
            const heading = document.createElement ('h2');

            heading.className = 'day';
            heading.dataset.day = day;
            heading.textContent = labels[day] !== undefined ? labels[day] : day;
            river.insertBefore (heading, node);
          }
          previousDay = day;
        }
      }
      node = next;
    }
  }

  /* The first article at least partly in view, and where it is. */
  function anchor () {
    for (let node = river.firstElementChild; node !== null; node = node.nextElementSibling) {
      if (node.tagName !== 'ARTICLE')
        continue;
      const box = node.getBoundingClientRect ();
      if (box.bottom > 0)
        return { node: node, top: box.top };
    }
    return null;
  }

  window.bsRiver = {
    /* Adds a batch: { items: [{ id, day, header, body, before }], labels,
     * last, answer }. Items go before the article "before", or at the
     * end. Returns how many articles there are and how many of the new
     * ones went above the reader's position. */
    add (gen, json) {
      if (gen !== generation)
        return null;

      const batch = JSON.parse (json);
      const kept = anchor ();
      const added = [];

      for (const item of batch.items) {
        const article = document.createElement ('article');
        const content = document.createElement ('div');
        const before = item.before !== null ? articles.get (item.before) : undefined;

        article.dataset.id = String (item.id);
        article.dataset.day = item.day;
        article.insertAdjacentHTML ('afterbegin', item.header);
        content.className = 'content';
        content.innerHTML = item.body;
        article.append (content);
        if (before !== undefined)
          river.insertBefore (article, before);
        else
          river.append (article);
        articles.set (item.id, article);
        added.push (article);
      }
      relabel (batch.labels);

      let above = 0;
      if (kept !== null) {
        const moved = kept.node.getBoundingClientRect ().top - kept.top;
        for (const article of added)
          if (article.compareDocumentPosition (kept.node) & Node.DOCUMENT_POSITION_FOLLOWING)
            above++;
        if (moved !== 0)
          window.scrollBy (0, moved);
      }
      for (const article of added)
        observer.observe (article);

      if (batch.last !== null)
        exhausted = batch.last;
      if (batch.answer)
        waiting = false;
      end.hidden = !exhausted || articles.size === 0;
      empty.hidden = !exhausted || articles.size > 0;
      window.requestAnimationFrame (() => check (false));
      return { total: articles.size, above: above };
    },

    /* Scrolls to the article @id; whether it is there. */
    show (id) {
      const article = articles.get (id);

      if (article === undefined)
        return false;
      article.scrollIntoView ({ block: 'start' });
      return true;
    },

    top () {
      window.scrollTo ({ top: 0, behavior: 'smooth' });
    },

    /* A page down (1) or up (-1); whether the view moved. */
    page (direction) {
      const s = scroller ();
      const before = s.scrollTop;

      s.scrollTop += direction * Math.max (window.innerHeight * 0.85, 40);
      return s.scrollTop !== before;
    },

    setDark (dark) {
      document.documentElement.classList.toggle ('dark', dark);
    },

    setFontSize (points) {
      document.body.style.fontSize = points > 0 ? points + 'pt' : '';
    },
  };

  check (false);
}) ();
