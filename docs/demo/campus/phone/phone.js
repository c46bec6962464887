// The volunteer's phone page. It never sees a secret key: the campus back end
// (/campus/api/session) vouches for the student signed in through the campus SSO and returns a
// short-lived volunteer session, which the widgets get as a property (never in a URL).
const status = document.getElementById('sso-status');
const statusText = document.getElementById('sso-text');

async function signIn() {
  try {
    const response = await fetch('/campus/api/session', { method: 'POST' });
    if (!response.ok) throw new Error(`campus session: ${response.status}`);
    const session = await response.json();
    statusText.textContent = `${session.student.name} · 学号 ${session.student.studentId} · 已登录`;
    status.classList.add('ok');
    await customElements.whenDefined('vk-provider');
    document.getElementById('provider').session = session.token;
  } catch (error) {
    console.warn(error);
    statusText.textContent = '统一身份认证暂不可用，请稍后刷新页面。';
    status.classList.remove('ok');
    // No session rather than a refused one: the widgets show their "please sign in" state
    // instead of waiting for a renewal that is not coming.
    if (customElements.get('vk-provider')) document.getElementById('provider').session = undefined;
  }
}

// Campus sessions last an hour and are not renewed by themselves: when a widget's is refused
// (vk-session-expired), the page asks the campus back end for a new one (the SSO cookie still
// holds) and hands it over the same way; the widget then sends the check-in or check-out again.
document.addEventListener('vk-session-expired', (event) => {
  event.preventDefault();
  signIn();
});

signIn();
