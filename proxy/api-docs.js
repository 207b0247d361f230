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
  for (const service of ['auth', 'tasks', 'notifications']) {
    const section = add(root, 'section');
    add(section, 'h2', service);
    try {
      const response = await fetch(`/api/${service}/openapi.json`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const doc = await response.json();
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(item)) {
          if (typeof op !== 'object' || !op || !('responses' in op)) continue;
          const row = add(section, 'div', '', 'op');
          add(row, 'span', method, 'method');
          add(row, 'code', path);
          if (op.summary) add(row, 'span', op.summary);
        }
      }
    } catch (error) {
      add(section, 'p', `Could not load the document: ${error.message}`, 'error');
    }
  }
})();
