// Lists every operation of the three OpenAPI documents (served by nginx at /api/docs.js).
(async () => {
  const root = document.getElementById('docs');
  const add = (parent, tag, text, className) => {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  };
  // Summaries and descriptions are CommonMark; render the little they use (`code`, ## headings,
  // - bullets) as DOM nodes, never as HTML strings.
  const addInline = (parent, text) => {
    text.split('`').forEach((part, i) => {
      if (!part) return;
      if (i % 2 === 1) add(parent, 'code', part);
      else parent.appendChild(document.createTextNode(part));
    });
  };
  const addMarkdown = (parent, markdown) => {
    let paragraph = null;
    let list = null;
    for (const raw of markdown.split('\n')) {
      const line = raw.trim();
      if (!line) {
        paragraph = null;
        list = null;
      } else if (line.startsWith('## ')) {
        paragraph = list = null;
        addInline(add(parent, 'h3'), line.slice(3));
      } else if (line.startsWith('- ')) {
        paragraph = null;
        list ??= add(parent, 'ul');
        addInline(add(list, 'li'), line.slice(2));
      } else if (paragraph) {
        addInline(paragraph, ` ${line}`);
      } else {
        list = null;
        paragraph = add(parent, 'p');
        addInline(paragraph, line);
      }
    }
  };

  for (const service of ['auth', 'tasks', 'notifications']) {
    const section = add(root, 'section');
    add(section, 'h2', service);
    try {
      const response = await fetch(`/api/${service}/openapi.json`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const doc = await response.json();
      if (doc.info?.description) addMarkdown(add(section, 'div', '', 'description'), doc.info.description);
      const ops = add(section, 'div', '', 'ops');
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(item)) {
          if (typeof op !== 'object' || !op || !('responses' in op)) continue;
          const row = add(ops, 'div', '', 'op');
          add(row, 'span', method, 'method');
          add(row, 'code', path, 'path');
          const summary = add(row, 'span', '', 'summary');
          if (op.summary) addInline(summary, op.summary);
          if (Array.isArray(op.security) && op.security.length === 0) add(summary, 'span', 'no token', 'badge');
        }
      }
    } catch (error) {
      add(section, 'p', `Could not load the document: ${error.message}`, 'error');
    }
  }
})();
