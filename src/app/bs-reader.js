/* bs-reader.js
 *
 * Copyright 2026 The Broadsheet developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reader mode's extraction, in the isolated world of the hidden view that
 * holds a fetched page (bs-reader.c), after Mozilla's Readability.js. The
 * page's own scripts never run there; this one reads the page's DOM,
 * never changes it (Readability works on a copy) and hands back JSON. */

/* The first URL among @selectors' attributes, absolute against @base. */
function broadsheetFindUrl (doc, base, selectors) {
  for (const [selector, attribute] of selectors) {
    const element = doc.querySelector (selector);
    const value = element ? element.getAttribute (attribute) : null;

    if (!value)
      continue;
    try {
      const url = new URL (value.trim (), base);

      if (url.protocol === 'https:' || url.protocol === 'http:')
        return url.href;
    } catch (e) {
      /* not a URL: try the next */
    }
  }
  return null;
}

/* The last part of a URL's path, for telling whether two addresses name
 * the same picture in different sizes (…/hero.jpg?w=1200, …/hero.jpg). */
function broadsheetFileName (url) {
  try {
    const path = new URL (url).pathname;

    return path.substring (path.lastIndexOf ('/') + 1).toLowerCase ();
  } catch (e) {
    return '';
  }
}

/* DOM clobbering: in a document, an <img>, <form>, <embed>, <object> or
 * <iframe> named (or, for some, with the id) "cloneNode" hides the
 * document's own cloneNode; in a form, a control named "getAttribute"
 * hides the form's. The page's names cannot be trusted: this reads the
 * page through the prototypes' own methods, and takes the names that hide
 * something away from the copy that Readability and the rest of this
 * script read. */
const broadsheetDom = {
  cloneNode: Node.prototype.cloneNode,
  querySelectorAll: Document.prototype.querySelectorAll,
  getAttribute: Element.prototype.getAttribute,
  removeAttribute: Element.prototype.removeAttribute,
  implementation: Object.getOwnPropertyDescriptor (Document.prototype, 'implementation').get,
};

function broadsheetDisarm (doc) {
  const hiders = [
    ['img, form, embed, object, iframe', Object.getPrototypeOf (doc)],
    ['button, fieldset, input, object, output, select, textarea, img', HTMLFormElement.prototype],
  ];

  for (const [selector, prototype] of hiders)
    for (const element of broadsheetDom.querySelectorAll.call (doc, selector))
      for (const attribute of ['name', 'id']) {
        const value = broadsheetDom.getAttribute.call (element, attribute);

        if (value !== null && value in prototype)
          broadsheetDom.removeAttribute.call (element, attribute);
      }
}

/* A new, inert document: nothing in it loads. */
function broadsheetInertDocument () {
  return broadsheetDom.implementation.call (document).createHTMLDocument ('');
}

/* Whether @content (HTML) already shows the picture at @lead. */
function broadsheetHasImage (content, lead) {
  const doc = broadsheetInertDocument ();
  const name = broadsheetFileName (lead);

  /* an inert document: nothing in it loads */
  doc.body.innerHTML = content;
  /* its names hide the document's own methods too */
  for (const img of broadsheetDom.querySelectorAll.call (doc, 'img')) {
    const sources = [img.getAttribute ('src') || ''];
    const srcset = img.getAttribute ('srcset');

    if (srcset)
      for (const candidate of srcset.split (','))
        sources.push (candidate.trim ().split (/\s+/)[0]);
    for (const source of sources)
      if (source === lead || (name !== '' && broadsheetFileName (source) === name))
        return true;
  }
  return false;
}

/**
 * broadsheetExtract:
 * @url: the address of the page (after redirects); the document itself
 *   was loaded at about:blank so that nothing in it could load
 *
 * Returns: a JSON string: null when Readability found no article, else
 *   { title, byline, siteName, excerpt, content, textLength, leadImage }
 *   where content is Readability's HTML with every URL absolute, and the
 *   page's lead picture (og:image and the like) in front of it when the
 *   article does not show it already.
 */
function broadsheetExtract (url) {
  const doc = broadsheetDom.cloneNode.call (document, true);

  broadsheetDisarm (doc);
  const head = doc.head || doc.documentElement;
  const declared = doc.querySelector ('base[href]');
  let base = url;

  /* the page's address as its base, so that Readability makes the links
   * and pictures of the article absolute (the page's own <base> counts) */
  if (declared) {
    try {
      base = new URL (declared.getAttribute ('href'), url).href;
    } catch (e) {
      base = url;
    }
  }
  for (const old of doc.querySelectorAll ('base'))
    old.remove ();
  const element = doc.createElement ('base');
  element.setAttribute ('href', base);
  head.prepend (element);

  const lead = broadsheetFindUrl (doc, base, [
    ['meta[property="og:image"]', 'content'],
    ['meta[name="og:image"]', 'content'],
    ['meta[property="og:image:url"]', 'content'],
    ['meta[name="twitter:image"]', 'content'],
    ['meta[property="twitter:image"]', 'content'],
    ['link[rel="image_src"]', 'href'],
  ]);

  const article = new Readability (doc, { keepClasses: false }).parse ();

  if (!article || !article.content)
    return JSON.stringify (null);

  let content = article.content;
  if (lead && !broadsheetHasImage (content, lead)) {
    const figure = broadsheetInertDocument ().createElement ('figure');
    const img = figure.ownerDocument.createElement ('img');

    figure.className = 'lead-image';
    img.setAttribute ('src', lead);
    img.setAttribute ('alt', '');
    figure.appendChild (img);
    content = figure.outerHTML + content;
  }

  return JSON.stringify ({
    title: article.title || null,
    byline: article.byline || null,
    siteName: article.siteName || null,
    excerpt: article.excerpt || null,
    content: content,
    textLength: (article.textContent || '').trim ().length,
    leadImage: lead,
  });
}
