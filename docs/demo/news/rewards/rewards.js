// The news site's rewards page. It never sees a secret key: the news back end (/news/api/session)
// vouches for its signed-in reader and returns a short-lived volunteer session, which the widgets
// get through configure() (never in a URL).
const status = document.getElementById('reader-status');

async function signIn() {
  try {
    const response = await fetch('/news/api/session', { method: 'POST' });
    if (!response.ok) throw new Error(`news session: ${response.status}`);
    const session = await response.json();
    status.textContent = `读者 ${session.name} · 已登录`;
    window.VolunteerKit('configure', { session: session.token });
  } catch (error) {
    console.warn(error);
    status.textContent = '读者账号暂不可用，请稍后刷新页面。';
  }
}

signIn();
