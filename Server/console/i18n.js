// Interface strings in English and Chinese, and the language switch.
const strings = {
  en: {
    brand: 'Switchboard', 'tab.workbench': 'Workbench', 'tab.knowledge': 'Knowledge', 'tab.dashboard': 'Dashboard',
    language: 'Language', signout: 'Sign out', retry: 'Retry now', refresh: 'Refresh', save: 'Save', delete: 'Delete',
    'signin.title': 'Sign in', 'signin.help': 'Paste your API key. It is kept in this browser tab only.',
    'signin.key': 'API key', 'signin.submit': 'Sign in', 'signin.dev': 'Continue without a key (dev mode)',
    'signin.bad': 'The server did not accept this key', 'who.dev': 'dev mode (no key)', 'who.key': 'signed in with a key',
    'wb.new': 'New conversation', 'wb.close': 'Close and summarize', 'wb.live': 'live', 'wb.customer': 'Customer', 'wb.agent': 'Agent',
    'wb.placeholder': 'Type a turn; Enter sends, Shift+Enter adds a line', 'wb.send': 'Send', 'wb.intent': 'Intent',
    'wb.sentiment': 'Sentiment', 'wb.suggestions': 'Reply suggestions', 'wb.alerts': 'QA alerts and actions',
    'wb.entities': 'Entities', 'wb.cards': 'Knowledge', 'wb.use': 'Use', 'wb.accept': 'Accept', 'wb.reject': 'Reject',
    'wb.accepted': 'accepted', 'wb.rejected': 'rejected', 'wb.edited': 'sent edited', 'wb.none': 'none',
    'wb.oos': 'out of scope', 'wb.escalate': 'falling: consider escalation', 'wb.summary': 'Summary', 'wb.turns': 'turns',
    'wb.intents': 'intents', 'wb.escalated': 'escalated', 'wb.keyturns': 'key turns', 'wb.scorecard': 'QA scorecard', 'wb.ticket': 'Ticket', 'wb.closed': 'closed',
    'wb.started': 'Conversation started', 'wb.relations': 'relations', 'wb.source': 'source',
    'kn.import': 'Import', 'kn.documents': 'Documents', 'kn.search': 'Search', 'kn.faqs': 'FAQs', 'kn.candidates': 'Candidate terms',
    'kn.graph': 'Graph', 'kn.gaps': 'Gaps', 'kn.drop': 'Drop files here, or press Enter to choose files',
    'kn.searchph': 'Search the knowledge', 'kn.explain': 'explain', 'kn.go': 'Search', 'kn.filter': 'Filter', 'kn.newfaq': 'New FAQ',
    'kn.faqedit': 'FAQ', 'kn.question': 'Question', 'kn.similar': 'Similar questions (one per line)', 'kn.answer': 'Answer',
    'kn.tags': 'Tags (comma separated)', 'kn.entityph': 'Entity name, e.g. E7', 'kn.chunks': 'chunks', 'kn.nochunks': 'No text chunks: this file holds records (replies, lexicon, rules...)', 'kn.saved': 'Saved',
    'kn.deleted': 'Deleted', 'kn.readonly': 'imported (change it by re-importing its file)', 'kn.accept': 'Accept', 'kn.reject': 'Reject',
    'kn.createfaq': 'Create FAQ', 'kn.questions': 'questions', 'kn.noresults': 'No results', 'kn.uploading': 'uploading',
    'kn.type': 'type', 'kn.nogaps': 'No gaps recorded yet', 'kn.prefilled': 'Pre-filled from a gap cluster: write the answer and save',
    'dash.intents': 'Top intents', 'dash.channels': 'Channels', 'dash.feedback': 'Feedback', 'dash.hits': 'Most used documents',
    'dash.questions': 'Questions', 'dash.answer_rate': 'Answer rate', 'dash.handoff_rate': 'Hand-off rate',
    'dash.confidence': 'Average confidence', 'dash.acceptance': 'Suggestion acceptance', 'dash.rating': 'Average rating',
    'err.down': 'The server cannot be reached. Retrying in', 'err.seconds': 's', 'err.network': 'network error',
    'dismiss': 'Dismiss',
  },
  zh: {
    brand: 'Switchboard 坐席助手', 'tab.workbench': '坐席工作台', 'tab.knowledge': '知识编辑', 'tab.dashboard': '数据看板',
    language: '语言', signout: '退出', retry: '立即重试', refresh: '刷新', save: '保存', delete: '删除',
    'signin.title': '登录', 'signin.help': '粘贴 API 密钥，仅保存在当前浏览器标签页中。',
    'signin.key': 'API 密钥', 'signin.submit': '登录', 'signin.dev': '不用密钥继续（开发模式）',
    'signin.bad': '服务器不接受这个密钥', 'who.dev': '开发模式（无密钥）', 'who.key': '已用密钥登录',
    'wb.new': '新建会话', 'wb.close': '结束并生成小结', 'wb.live': '实时', 'wb.customer': '客户', 'wb.agent': '坐席',
    'wb.placeholder': '输入一轮对话；回车发送，Shift+回车换行', 'wb.send': '发送', 'wb.intent': '意图',
    'wb.sentiment': '情绪', 'wb.suggestions': '推荐话术', 'wb.alerts': '质检提醒与下一步动作',
    'wb.entities': '实体', 'wb.cards': '知识卡片', 'wb.use': '插入', 'wb.accept': '采纳', 'wb.reject': '拒绝',
    'wb.accepted': '已采纳', 'wb.rejected': '已拒绝', 'wb.edited': '已修改后发送', 'wb.none': '无',
    'wb.oos': '超出范围', 'wb.escalate': '情绪下滑：建议升级', 'wb.summary': '会话小结', 'wb.turns': '轮',
    'wb.intents': '意图', 'wb.escalated': '已升级', 'wb.keyturns': '关键轮次', 'wb.scorecard': '质检评分', 'wb.ticket': '工单', 'wb.closed': '已结束',
    'wb.started': '会话已开始', 'wb.relations': '关系', 'wb.source': '来源',
    'kn.import': '导入', 'kn.documents': '文档', 'kn.search': '检索', 'kn.faqs': '常见问题', 'kn.candidates': '候选术语',
    'kn.graph': '知识图谱', 'kn.gaps': '知识缺口', 'kn.drop': '把文件拖到这里，或按回车选择文件',
    'kn.searchph': '检索知识库', 'kn.explain': '得分解释', 'kn.go': '检索', 'kn.filter': '筛选', 'kn.newfaq': '新建问答',
    'kn.faqedit': '常见问题', 'kn.question': '问题', 'kn.similar': '相似问法（每行一个）', 'kn.answer': '答案',
    'kn.tags': '标签（逗号分隔）', 'kn.entityph': '实体名称，例如 E7', 'kn.chunks': '个片段', 'kn.nochunks': '没有文本片段：此文件包含的是记录（话术、词表、规则等）', 'kn.saved': '已保存',
    'kn.deleted': '已删除', 'kn.readonly': '导入的问答（请重新导入其文件来修改）', 'kn.accept': '接受', 'kn.reject': '拒绝',
    'kn.createfaq': '创建问答', 'kn.questions': '个问题', 'kn.noresults': '没有结果', 'kn.uploading': '上传中',
    'kn.type': '类型', 'kn.nogaps': '还没有记录到知识缺口', 'kn.prefilled': '已根据缺口聚类预填：写好答案后保存',
    'dash.intents': '热门意图', 'dash.channels': '渠道', 'dash.feedback': '反馈', 'dash.hits': '最常用的文档',
    'dash.questions': '问题数', 'dash.answer_rate': '解答率', 'dash.handoff_rate': '转人工率',
    'dash.confidence': '平均置信度', 'dash.acceptance': '话术采纳率', 'dash.rating': '平均评分',
    'err.down': '无法连接服务器，重试倒计时', 'err.seconds': '秒', 'err.network': '网络错误',
    'dismiss': '关闭',
  },
};

let current = 'en';

/** The string for `key` in the current language (English, then the key itself, as fallbacks). */
export function t(key) {
  return strings[current][key] ?? strings.en[key] ?? key;
}

export function language() { return current; }

/** Switches the language, remembers it, and rewrites every `data-i18n` element. */
export function setLanguage(lang) {
  current = strings[lang] ? lang : 'en';
  localStorage.setItem('sb.lang', current);
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  document.dispatchEvent(new CustomEvent('languagechange'));
}

/** The saved language, else the browser's (Chinese when it starts with zh). */
export function initialLanguage() {
  const saved = localStorage.getItem('sb.lang');
  if (saved) return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
