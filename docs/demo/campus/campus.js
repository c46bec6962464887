// The campus page's own script. It never sees a secret key: it asks the campus back end
// (/campus/api/session), which vouches for the student signed in through the campus SSO and
// returns a short-lived volunteer session token for the widgets.
const strings = {
  'zh-CN': {
    school: '浙江大学', site: '志愿者之家', signingIn: '正在通过统一身份认证登录…', signedIn: (s) => `${s.name} · 学号 ${s.studentId} · 已登录`,
    ssoFailed: '统一身份认证暂不可用，可以以访客身份报名。', heroTitle: '本周，和同学一起去做志愿',
    heroText: '校内专属活动只对本校同学开放。用统一身份认证登录后，报名无需再填学号和手机号。',
    signupTitle: '快速报名：本周校内活动', listTitle: '全部可报名活动', recommendedTitle: '为你推荐', boardTitle: '本校志愿服务时长榜', hoursTitle: '我的服务时长',
    certificateTitle: '志愿服务证明', certificateText: '升学、求职或评优需要服务证明？选择期间即可开具，扫码即可核验真伪。',
    footer: '浙江大学团委 · 志愿服务由全省志愿服务平台提供 · 演示页面，数据为虚构', title: '志愿者之家 · 浙江大学', largeText: '大字',
  },
  en: {
    school: 'Zhejiang University', site: 'Volunteer Center', signingIn: 'Signing in with campus SSO…', signedIn: (s) => `${s.name} · Student ID ${s.studentId} · signed in`,
    ssoFailed: 'Campus sign-in is unavailable; you can still sign up as a guest.', heroTitle: 'Volunteer with classmates this week',
    heroText: 'Campus-only activities are open to our students. Signed in with campus SSO, you sign up without typing your student ID or phone number.',
    signupTitle: 'Quick sign-up: this week on campus', listTitle: 'All open activities', recommendedTitle: 'Recommended for you', boardTitle: 'Service hours among our students', hoursTitle: 'My service hours',
    certificateTitle: 'Certificate of service', certificateText: 'Need proof of your hours for applications, jobs or honours? Pick a period to get a signed certificate anyone can verify by scanning it.',
    footer: 'Youth League Committee · Volunteering powered by the provincial platform · Demo page, fictional data', title: 'Volunteer Center · Zhejiang University', largeText: 'Large text',
  },
};

let locale = 'zh-CN';
/** The campus sign-in: 'signingIn', then 'signedIn' (with the student) or 'failed'. */
let sso = { status: 'signingIn', student: null };

function render() {
  const t = strings[locale];
  document.documentElement.lang = locale;
  document.title = t.title;
  document.getElementById('provider').setAttribute('locale', locale);
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const value = t[node.dataset.i18n];
    if (typeof value === 'string') node.textContent = value;
  }
  document.getElementById('sso-text').textContent =
    sso.status === 'signedIn' ? t.signedIn(sso.student) : sso.status === 'failed' ? t.ssoFailed : t.signingIn;
  document.getElementById('sso-status').classList.toggle('ok', sso.status === 'signedIn');
  for (const button of document.querySelectorAll('[data-locale]')) button.setAttribute('aria-pressed', String(button.dataset.locale === locale));
}

for (const button of document.querySelectorAll('[data-locale]')) {
  button.addEventListener('click', () => { locale = button.dataset.locale; render(); });
}

async function signIn() {
  try {
    const response = await fetch('/campus/api/session', { method: 'POST' });
    if (!response.ok) throw new Error(`campus session: ${response.status}`);
    const session = await response.json();
    sso = { status: 'signedIn', student: session.student };
    render();
    // The token goes to the widgets as a property — never into a URL or an attribute. On the
    // provider, every widget inside acts for the student: the form signs them up and shows their
    // sign-up, the list marks what they signed up to.
    await customElements.whenDefined('vk-provider');
    document.getElementById('provider').session = session.token;
  } catch (error) {
    console.warn(error);
    sso = { status: 'failed', student: null };
    render();
  }
}

render();
signIn();
