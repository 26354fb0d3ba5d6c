// The console's words in English and Chinese. The browser's language decides at first; the button switches and
// the choice is remembered (localStorage holds only this, never the key).
const words = {
  en: {
    'nav.tasks': 'Tasks', 'nav.new': 'New edit', 'nav.account': 'Account', signout: 'Sign out', lang: '中文',
    'signin.title': 'Sign in', 'signin.key': 'API key', 'signin.go': 'Sign in',
    'signin.note': 'The key stays in this browser tab (sessionStorage) and is sent only to this server.',
    'signin.bad': 'This key is not accepted (unknown or revoked).',
    'tasks.title': 'Tasks', 'tasks.status': 'Status', 'tasks.model': 'Model', 'tasks.search': 'Search prompts',
    'tasks.all': 'all', 'tasks.prev': 'Previous', 'tasks.next': 'Next', 'tasks.none': 'No tasks yet.',
    'col.task': 'Task', 'col.status': 'Status', 'col.progress': 'Progress', 'col.model': 'Model', 'col.prompt': 'Prompt',
    'col.created': 'Submitted', 'col.finished': 'Finished',
    'new.title': 'New edit', 'new.model': 'Model', 'new.prompt': 'Prompt', 'new.submit': 'Submit',
    'new.preview': 'What will happen', 'new.refused': 'Refused before submitting', 'new.uploading': 'Uploading',
    'new.uploaded': 'Uploaded', 'new.limits': 'Limits', 'new.engine': 'Engine', 'new.checking': 'Checking…',
    'new.seconds': 's', 'new.upTo': 'up to', 'new.formats': 'formats', 'new.mb': 'MB',
    'task.title': 'Task', 'task.cancel': 'Cancel', 'task.download': 'Download', 'task.before': 'Before', 'task.after': 'After',
    'task.timeline': 'Timeline', 'task.plan': 'Plan', 'task.webhook': 'Webhook', 'task.resend': 'Resend',
    'task.noWebhook': 'No webhook for this task.', 'task.attempt': 'attempt', 'task.error': 'Error',
    'task.cancelled': 'Cancel requested.',
    'account.title': 'Account', 'account.limits': 'Running / queued', 'account.secret': 'Webhook signing secret',
    'account.show': 'Show', 'account.rotate': 'Rotate', 'account.keys': 'Keys', 'account.newKey': 'Create key',
    'account.label': 'Label', 'account.revoke': 'Revoke', 'account.revoked': 'revoked', 'account.active': 'active',
    'account.lastUsed': 'Last used', 'account.never': 'never', 'account.created': 'Created', 'account.shownOnce': 'New key (shown only now):',
    'account.operator': 'operator', 'account.accounts': 'All accounts', 'account.name': 'Name', 'account.newAccount': 'Create account',
    'account.setLimits': 'Set limits', 'account.concurrency': 'Concurrency', 'account.queue': 'Queue', 'account.thisKey': 'this key',
  },
  zh: {
    'nav.tasks': '任务', 'nav.new': '新建编辑', 'nav.account': '账户', signout: '退出', lang: 'English',
    'signin.title': '登录', 'signin.key': 'API Key', 'signin.go': '登录',
    'signin.note': '密钥只保存在当前浏览器标签页（sessionStorage），只发送给本服务。',
    'signin.bad': '该密钥不可用（不存在或已吊销）。',
    'tasks.title': '任务', 'tasks.status': '状态', 'tasks.model': '模型', 'tasks.search': '搜索提示词',
    'tasks.all': '全部', 'tasks.prev': '上一页', 'tasks.next': '下一页', 'tasks.none': '还没有任务。',
    'col.task': '任务', 'col.status': '状态', 'col.progress': '进度', 'col.model': '模型', 'col.prompt': '提示词',
    'col.created': '提交时间', 'col.finished': '完成时间',
    'new.title': '新建编辑', 'new.model': '模型', 'new.prompt': '提示词', 'new.submit': '提交',
    'new.preview': '将会执行', 'new.refused': '提交前即被拒绝', 'new.uploading': '上传中',
    'new.uploaded': '已上传', 'new.limits': '限制', 'new.engine': '引擎', 'new.checking': '检查中…',
    'new.seconds': '秒', 'new.upTo': '最长', 'new.formats': '格式', 'new.mb': 'MB',
    'task.title': '任务', 'task.cancel': '取消', 'task.download': '下载', 'task.before': '原视频', 'task.after': '结果',
    'task.timeline': '时间线', 'task.plan': '编辑计划', 'task.webhook': 'Webhook', 'task.resend': '重新发送',
    'task.noWebhook': '该任务没有 webhook。', 'task.attempt': '第几次', 'task.error': '错误',
    'task.cancelled': '已请求取消。',
    'account.title': '账户', 'account.limits': '运行中 / 排队中', 'account.secret': 'Webhook 签名密钥',
    'account.show': '显示', 'account.rotate': '轮换', 'account.keys': '密钥', 'account.newKey': '创建密钥',
    'account.label': '标签', 'account.revoke': '吊销', 'account.revoked': '已吊销', 'account.active': '有效',
    'account.lastUsed': '最近使用', 'account.never': '从未', 'account.created': '创建时间', 'account.shownOnce': '新密钥（仅显示这一次）：',
    'account.operator': '运营者', 'account.accounts': '所有账户', 'account.name': '名称', 'account.newAccount': '创建账户',
    'account.setLimits': '设置限额', 'account.concurrency': '并发数', 'account.queue': '队列上限', 'account.thisKey': '当前密钥',
  },
};

let lang = localStorage.getItem('vedit.lang') || ((navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en');

export function language() {
  return lang;
}

export function setLanguage(next) {
  lang = next === 'zh' ? 'zh' : 'en';
  localStorage.setItem('vedit.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key) {
  return (words[lang] && words[lang][key]) || words.en[key] || key;
}

/** Fills every element carrying data-i18n with its words. */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}

/** A bilingual service message "English | 中文": the half in the page's language. */
export function half(message) {
  if (!message || !message.includes(' | ')) return message || '';
  const [en, zh] = message.split(' | ');
  return lang === 'zh' ? zh : en;
}
