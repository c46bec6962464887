// The community page's own script. It never sees a secret key: it asks the community centre's
// back end (/community/api/…), which vouches for the signed-in neighbour or staff member and
// returns a short-lived session token for the widgets (as a property, never in a URL).
const status = document.getElementById('sign-in-status');

async function signIn(path) {
  const response = await fetch(path, { method: 'POST' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

document.getElementById('volunteer-sign-in').addEventListener('click', async (event) => {
  try {
    const { token, name } = await signIn('/community/api/volunteer-session');
    await customElements.whenDefined('vk-needs-board');
    document.getElementById('board').session = token;
    status.textContent = `志愿者 ${name} 已登录，可以认领心愿。`;
    event.target.disabled = true;
  } catch (error) {
    console.warn(error);
    status.textContent = '登录服务暂不可用，请稍后再试。';
  }
});

document.getElementById('helper-sign-in').addEventListener('click', async (event) => {
  try {
    const { token, name } = await signIn('/community/api/helper-session');
    const section = document.getElementById('helper-form');
    section.hidden = false;
    await customElements.whenDefined('vk-need-form');
    document.getElementById('helper').session = token;
    status.textContent = `社区工作人员 ${name} 已登录，可以为居民代登记。`;
    event.target.disabled = true;
    section.querySelector('h2').scrollIntoView();
  } catch (error) {
    console.warn(error);
    status.textContent = '登录服务暂不可用，请稍后再试。';
  }
});
