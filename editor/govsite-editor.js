// The bureau's browser editor: Decap CMS with the site's own file formats, file-name field and checking preview.
// (docs/editor.md) Nothing here is loaded from another host: Decap CMS and the YAML library are installed into
// vendor/ by `make editor` (editor/vendor.lock).
//
// Files are written exactly as EDITING.md has editors type them: the `# yaml-language-server: $schema=…` line
// first, keys in the form's order, dates as 2026-11-23 and times as 2026-11-23 09:00 (unquoted), Markdown bodies
// and other text of several lines as `|` blocks, nothing for fields left empty. An existing file is changed in
// place: only the keys whose values changed are rewritten, so comments, the order of keys and the way untouched
// values were written stay as they were, and a merge request shows just the change.
import * as YAML from './vendor/yaml/browser/index.js';

const SOURCE = '__govsite_source'; // the file's text as read, kept with the entry so a save edits it in place
const FILE_NAME_WIDGET = 'govsite-filename';
const NAME_WIDGETS = [FILE_NAME_WIDGET];
const EXISTING = '\u0000existing';

// PyYAML (the engine's reader: YAML 1.1 without timestamps) reads these plain scalars as something other than
// text; the YAML library writes YAML 1.2 and would leave them plain.
const YAML11_NOT_TEXT = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:~|null|Null|NULL|<<|=)$/,
];

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`无法加载 ${src}：请在仓库目录中运行 make editor`));
    document.head.appendChild(script);
  });
}

function isEmpty(value) {
  return value === undefined || value === null || value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
}

// The form's data as the file should hold it: in the form's order, without empty fields, without the file-name
// field (it is the file's name, not a key), a false switch only where the file already had the key.
function clean(value, field, before) {
  if (field && field.govsite_object) { // an optional object edited as a list of at most one (config.py)
    const item = Array.isArray(value) ? value[0] : value;
    return item === undefined ? undefined : clean(item, { widget: 'object', fields: field.fields }, before);
  }
  if (field && field.widget === 'list') {
    if (!Array.isArray(value)) return value;
    const items = value.map((item, i) => clean(item, field.fields ? { widget: 'object', fields: field.fields } :
      field.field, Array.isArray(before) ? before[i] : undefined)).filter(item => !isEmpty(item));
    return items;
  }
  if (field && field.widget === 'object' || (!field && value && typeof value === 'object' && !Array.isArray(value))) {
    if (!value || typeof value !== 'object') return value;
    const fields = field ? field.fields : [];
    const out = {};
    for (const sub of fields) {
      if (NAME_WIDGETS.includes(sub.widget) || sub.name === 'body' || !(sub.name in value)) continue;
      const had = before && typeof before === 'object' ? before[sub.name] : undefined;
      const made = clean(value[sub.name], sub, had);
      if (isEmpty(made)) continue;
      if (made === false && had === undefined) continue;
      out[sub.name] = made;
    }
    for (const key of Object.keys(value)) { // keys the form does not know (kept as they were)
      if (key !== SOURCE && key !== 'body' && !fields.some(f => f.name === key) && !isEmpty(value[key])) {
        out[key] = value[key];
      }
    }
    return out;
  }
  if (typeof value === 'string') {
    if (value.trim() === '') return '';
    // Text of several lines is a `|` block, as EDITING.md writes 正文 (ending with its line break).
    return value.includes('\n') && !value.endsWith('\n') ? value + '\n' : value;
  }
  return value;
}

// What the file holds as the form shows it: an optional object (govsite_object) as a list of at most one.
function forForm(value, fields) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = { ...value };
  for (const f of fields || []) {
    if (!(f.name in out)) continue;
    const v = out[f.name];
    if (f.govsite_object) out[f.name] = v && typeof v === 'object' && !Array.isArray(v) ? [forForm(v, f.fields)] : v;
    else if (f.widget === 'object') out[f.name] = forForm(v, f.fields);
    else if (f.widget === 'list' && f.fields && Array.isArray(v)) out[f.name] = v.map(item => forForm(item, f.fields));
  }
  return out;
}

function node(doc, value) {
  const made = doc.createNode(value);
  const style = scalar => {
    if (typeof scalar.value !== 'string') return;
    if (scalar.value.includes('\n')) scalar.type = 'BLOCK_LITERAL';
    else if (YAML11_NOT_TEXT.some(re => re.test(scalar.value))) scalar.type = 'QUOTE_DOUBLE';
  };
  if (YAML.isScalar(made)) style(made);
  else YAML.visit(made, { Scalar(key, scalar) { if (key !== 'key') style(scalar); } });
  return made;
}

// Equal as data: the order of a mapping's keys does not count (the form keeps its own order).
function same(a, b) {
  const canonical = value => JSON.stringify(value, (key, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v));
  return canonical(a) === canonical(b);
}

// Change a mapping of the file in place: keys that stayed keep their place and their way of being written.
function update(doc, map, before, after, fields) {
  for (const f of fields) {
    if (!NAME_WIDGETS.includes(f.widget) && f.name !== 'body' && map.has(f.name) && !(f.name in after)) {
      map.delete(f.name);
    }
  }
  for (const [key, value] of Object.entries(after)) {
    if (same(before[key], value)) continue;
    const existing = map.get(key, true);
    const field = fields.find(f => f.name === key);
    const isMap = value && typeof value === 'object' && !Array.isArray(value);
    if (YAML.isMap(existing) && isMap && field && field.fields && before[key] && typeof before[key] === 'object') {
      update(doc, existing, before[key], value, field.fields);
    } else {
      map.set(key, node(doc, value));
    }
  }
}

function schemaLine(schema, entryPath) {
  const depth = entryPath.split('/').length - 1;
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}${schema}`;
}

function splitFrontMatter(text) {
  const found = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m.exec(text);
  if (!found || found.index !== 0) return { head: '', body: text };
  return { head: found[1], body: text.slice(found[0].length).replace(/^(?:\r?\n)+/, '') };
}

function parseYaml(text, where) {
  const doc = YAML.parseDocument(text || '', { uniqueKeys: true });
  if (doc.errors.length) {
    throw new Error(`${where}不是有效的 YAML，请直接打开文件修正（make check 会指出哪一行）：${doc.errors[0].message}`);
  }
  return doc;
}

// One file format per collection: it knows the collection's fields (order, file-name field) and its schema.
function makeFormat(collection, meta) {
  const markdown = collection.extension === 'md';
  const root = { widget: "object", fields: collection.fields || (collection.files && collection.files[0].fields) || [] };
  return {
    fromFile(text) {
      const { head, body } = markdown ? splitFrontMatter(text) : { head: text, body: '' };
      const data = forForm(parseYaml(head, markdown ? '前置信息' : '文件').toJS() || {}, root.fields);
      data[SOURCE] = text;
      if (markdown) data.body = body;
      // An existing file has its name: the file-name field holds a mark (never written) so that it counts as
      // filled in without the form changing anything (which would mark the entry as changed on opening).
      for (const f of root.fields) if (NAME_WIDGETS.includes(f.widget)) data[f.name] = EXISTING;
      return data;
    },
    toFile(data) {
      if (meta.year) { data = { ...data }; delete data[meta.year.field]; }
      const source = data[SOURCE];
      const { head, body } = markdown && source ? splitFrontMatter(source) : { head: source || '', body: '' };
      const existing = source !== undefined && source !== null;
      let doc = existing ? parseYaml(head, '原文件') : new YAML.Document({});
      if (!YAML.isMap(doc.contents)) doc = new YAML.Document({});
      const before = doc.toJS() || {};
      const fields = root.fields;
      const wanted = clean(data, { widget: 'object', fields }, before);
      update(doc, doc.contents, before, wanted, fields);
      let yaml = YAML.isMap(doc.contents) && doc.contents.items.length ? doc.toString({ lineWidth: 0 }) : '';
      if (!existing && meta.schema) yaml = `${schemaLine(meta.schema, entryPath(meta, data) || meta.file)}\n${yaml}`;
      if (!markdown) return yaml;
      const text = (data.body || body || '').replace(/\s+$/, '');
      return `---\n${yaml}---\n${text ? `\n${text}\n` : ''}`;
    },
  };
}

// Where an entry is saved: the collection's file pattern with the entry's values ({发布时间:年} is its year).
function entryPath(meta, data) {
  if (!meta.file) return '';
  let missing = false;
  const path = meta.file.replace(/\{([^{}:]+)(?::(年))?\}/g, (_, name, year) => {
    const value = data[name];
    if (value === undefined || value === null || value === '') { missing = true; return ''; }
    return year ? String(value).slice(0, 4) : String(value);
  });
  return missing ? '' : path;
}

// The part of the file's path an editor names when creating (标识, 编号): typed once, then shown, never changed.
// Its pattern is checked here (Decap's own pattern check would see the mark of an existing file).
function fileNameWidget() {
  const h = window.h;
  return window.createClass({
    isValid() {
      const { value, field } = this.props;
      const pattern = field.get('file_name_pattern');
      if (!value || value === EXISTING || !pattern) return true;
      return new RegExp(pattern.get(0)).test(value) ? true : { error: { type: 'PATTERN', message: pattern.get(1) } };
    },
    render() {
      const { entry, value, onChange, forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      if (entry && !entry.get('newRecord')) {
        return h('div', { id: forID, className: `${classNameWrapper} govsite-filename-fixed` },
          h('code', null, entry.get('path')), '（已有的文件：名称和网址不能改）');
      }
      return h('input', {
        type: 'text', id: forID, className: classNameWrapper, value: value && value !== EXISTING ? value : '',
        autoComplete: 'off',
        spellCheck: false, onChange: e => onChange(e.target.value.trim()), onFocus: setActiveStyle,
        onBlur: setInactiveStyle,
      });
    },
  });
}

// The preview pane: the engine's own check of the entry as it would be saved, then the entry itself.
function checkingPreview(collection, meta, format, checkUrl) {
  const h = window.h;
  return window.createClass({
    getInitialState() { return { status: 'idle', result: null, message: '' }; },
    componentDidMount() { this.schedule(); },
    componentDidUpdate() { this.schedule(); },
    componentWillUnmount() { clearTimeout(this.timer); this.gone = true; },
    request() {
      const { entry } = this.props;
      const data = entry.get('data').toJS();
      const path = entry.get('newRecord') ? entryPath(meta, data) : entry.get('path');
      // files chosen in this entry but not saved yet (attachments are saved with the entry)
      // Files chosen but not saved: where saving will put them (for a new entry Decap knows only then).
      const folder = path ? path.slice(0, path.lastIndexOf('/')) : '';
      const media = entry.get('mediaFiles');
      const drafts = media ? media.toJS().filter(m => m.draft).map(m => {
        const into = (m.field && m.field.media_folder) || collection.media_folder || '';
        const where = into.startsWith('/') ? into.slice(1) : [folder, into].filter(Boolean).join('/');
        return { path: where ? `${where}/${m.name}` : m.path, url: m.url || m.displayURL, id: m.id };
      }) : [];
      let text = '';
      try { text = format.toFile(data); } catch (e) { return { error: e.message }; }
      return { path, text, drafts };
    },
    schedule() {
      if (!checkUrl) return;
      const request = this.request();
      const key = JSON.stringify(request);
      if (key === this.sent) return;
      this.sent = key;
      clearTimeout(this.timer);
      if (this.state.status === 'done') this.setState({ status: 'pending' }); // the result shown is for older text
      this.timer = setTimeout(() => this.run(request), 500);
    },
    async run(request) {
      if (request.error) { this.setState({ status: 'error', message: request.error }); return; }
      const assets = [];
      for (const draft of request.drafts || []) {
        try {
          const bytes = new Uint8Array(await (await fetch(draft.url)).arrayBuffer());
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          assets.push({ path: draft.path, content: btoa(binary), encoding: 'base64' });
        } catch (e) { /* a file the browser no longer holds: the check reports it missing */ }
      }
      request = { path: request.path, text: request.text, assets };
      if (!request.path) {
        this.setState({ status: 'waiting', message: '填写文件名（标识、编号等）和决定文件位置的日期后，这里会检查本条信息。' });
        return;
      }
      this.setState({ status: 'running' });
      try {
        const response = await fetch(checkUrl, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
        });
        const result = await response.json();
        if (this.gone) return;
        if (!response.ok) this.setState({ status: 'error', message: result.error || '检查失败' });
        else this.setState({ status: 'done', result });
      } catch (e) {
        if (!this.gone) this.setState({ status: 'error', message: `无法连接 make serve：${e.message}` });
      }
    },
    problems(list, kind) {
      return list.map((p, i) => h('li', { key: `${kind}${i}`, className: `govsite-problem govsite-${kind}` },
        h('span', { className: 'govsite-kind' }, kind === 'error' ? '错误' : '警告'), ' ',
        h('span', { className: 'govsite-where' }, p.line ? `${p.file}:${p.line}` : p.file), ' ',
        p.field_words ? h('strong', { className: 'govsite-field' }, p.field_words) : null,
        p.field_words ? ': ' : '', h('span', { className: 'govsite-message' }, p.message)));
    },
    report() {
      const { status, result, message } = this.state;
      if (!checkUrl) {
        return h('p', null, '这里不能即时检查（只有本机 make serve 中的编辑器可以）。保存后，合并请求的检查（make check、make build）',
          '会列出问题，格式是“文件:行 字段: 问题”。');
      }
      if (status === 'idle' || (status === 'running' || status === 'pending') && !result) {
        return h('p', null, '正在检查……');
      }
      if (status === 'waiting' || status === 'error') return h('p', { className: 'govsite-note' }, message);
      const own = p => p.file === result.file;
      const errors = result.errors || [], warnings = result.warnings || [];
      const mine = errors.filter(own), others = errors.filter(p => !own(p));
      const myWarnings = warnings.filter(own), otherWarnings = warnings.filter(p => !own(p));
      const parts = [];
      if (!errors.length && !warnings.length) {
        parts.push(h('p', { key: 'ok', className: 'govsite-ok' }, '检查通过：按现在填写的内容保存，make check 不会提出问题。'));
      } else if (!errors.length) {
        parts.push(h('p', { key: 'ok', className: 'govsite-ok' }, '没有错误；请看下面的警告（正式发布时警告也须处理）。'));
      } else {
        parts.push(h('p', { key: 'bad', className: 'govsite-bad' },
          `有 ${errors.length} 个错误：改正前网站不能生成，也不能发布。`));
      }
      if (mine.length || myWarnings.length) {
        parts.push(h('ul', { key: 'mine' }, this.problems(mine, 'error'), this.problems(myWarnings, 'warning')));
      }
      if (others.length || otherWarnings.length) {
        parts.push(h('p', { key: 'oh' }, '其他文件的问题（可能与本条有关，如索引号重复）：'));
        parts.push(h('ul', { key: 'others' }, this.problems(others, 'error'), this.problems(otherWarnings, 'warning')));
      }
      if (result.held) parts.push(h('p', { key: 'held' }, `另有 ${result.held} 个问题待上述错误改正后再检查。`));
      return parts;
    },
    render() {
      const { entry, widgetFor } = this.props;
      const data = entry.get('data');
      const title = data.get('标题') || data.get('案例名称') || data.get('题库') || '';
      const body = collection.fields.some(f => f.name === 'body') ? 'body' :
        collection.fields.some(f => f.name === '正文') ? '正文' : null;
      return h('div', { className: 'govsite-preview' },
        h('section', { className: 'govsite-check', 'aria-live': 'polite', 'data-status': this.state.status },
          h('h2', null, '检查结果（与 make check 相同）'), this.report()),
        this.state.result && this.state.result.url ? h('p', { className: 'govsite-url' }, '保存后在预览网站中查看：',
          h('a', { href: this.state.result.url, target: '_blank', rel: 'noopener' }, this.state.result.url)) : null,
        title ? h('h1', null, title) : null,
        body ? h('div', { className: 'govsite-body' }, widgetFor(body)) : null);
    },
  });
}

// Decap's Chinese words with some replaced for where the editor runs (in make serve, 发布 only saves the file).
function withWords(phrases, words) {
  const copy = JSON.parse(JSON.stringify(phrases || {}));
  for (const [path, word] of Object.entries(words)) {
    const keys = path.split('.');
    let here = copy;
    for (const key of keys.slice(0, -1)) here = here[key] = here[key] || {};
    here[keys[keys.length - 1]] = word;
  }
  return copy;
}

async function main() {
  window.CMS_MANUAL_INIT = true;
  await loadScript('vendor/decap-cms/dist/decap-cms.js');
  const response = await fetch('config.yml', { cache: 'no-store' });
  const config = YAML.parse(await response.text());
  const checkUrl = config.govsite_check || '';
  delete config.govsite_check;
  const CMS = window.CMS;
  const words = config.govsite_words || {};
  delete config.govsite_words;
  if (Object.keys(words).length) CMS.registerLocale('zh_Hans', withWords(CMS.getLocale('zh_Hans'), words));
  CMS.registerWidget(FILE_NAME_WIDGET, fileNameWidget());
  const years = {}; // collection → the year field its folder is named by (config.py YEAR_FIELD)
  CMS.registerPreviewStyle('govsite-editor.css');
  for (const collection of config.collections) {
    const meta = collection.govsite || {};
    delete collection.govsite;
    if (meta.year) years[collection.name] = meta.year;
    // With merge requests, a save opens or updates one; merging is done after review and CI, on the Git server.
    if (config.publish_mode === 'editorial_workflow') collection.publish = false;
    // a collection of one file (data/site.yml …) has its fields on that file; its preview is named after it
    const fields = collection.fields || collection.files[0].fields;
    const format = makeFormat(collection, meta);
    CMS.registerCustomFormat(collection.format, collection.extension, format);
    CMS.registerPreviewTemplate(collection.name, checkingPreview({ ...collection, fields }, meta, format, checkUrl));
  }
  // A new notice goes into the folder of its 发布时间's year: Decap makes the path from the entry's values right
  // after this listener, which puts the year in (the format never writes it).
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const year = years[entry.get('collection')];
      const data = entry.get('data');
      if (!year || !entry.get('newRecord')) return data;
      return data.set(year.field, String(data.get(year.from) || '').slice(0, 4));
    },
  });
  CMS.init({ config });
}

main().catch(error => {
  document.body.innerHTML = '';
  const p = document.createElement('p');
  p.className = 'govsite-failed';
  p.textContent = `网页编辑器无法启动：${error.message}`;
  document.body.appendChild(p);
});
