// The community page's own script. It never sees a secret key: it asks the community centre's
// back end (/community/api/…), which vouches for the signed-in neighbour or staff member and
// returns a short-lived session token for the widgets (as a property, never in a URL). It also
// wires the widgets together: a claim shows up in "my claims", a fulfilled wish opens the
// resident's confirmation, a confirmation refreshes the claims and the hours.
const status = document.getElementById('sign-in-status');
const board = document.getElementById('board');
const myClaims = document.getElementById('my-claims');
const myHours = document.getElementById('my-hours');
const confirmation = document.getElementById('confirm');

async function signIn(path) {
  const response = await fetch(path, { method: 'POST' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

document.getElementById('volunteer-sign-in').addEventListener('click', async (event) => {
  try {
    const { token, name } = await signIn('/community/api/volunteer-session');
    await Promise.all(['vk-needs-board', 'vk-my-claims', 'vk-my-hours'].map((tag) => customElements.whenDefined(tag)));
    board.session = token;
    myClaims.session = token;
    myHours.session = token;
    document.getElementById('volunteer-section').hidden = false;
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
    await Promise.all(['vk-need-form', 'vk-need-confirm'].map((tag) => customElements.whenDefined(tag)));
    document.getElementById('helper').session = token;
    // The helper may also confirm a fulfilled wish for the resident, with or without the code.
    confirmation.helper = true;
    confirmation.session = token;
    status.textContent = `社区工作人员 ${name} 已登录，可以为居民代登记。`;
    event.target.disabled = true;
    section.querySelector('h2').scrollIntoView();
  } catch (error) {
    console.warn(error);
    status.textContent = '登录服务暂不可用，请稍后再试。';
  }
});

// A wish filed on someone's behalf opens at once: show it on the board.
document.getElementById('helper').addEventListener('vk-need-create', () => board.reload?.());
board.addEventListener('vk-need-claim', () => myClaims.reload?.());

myClaims.addEventListener('vk-need-step', (event) => {
  if (event.detail.step === 'release') board.reload?.();
  if (event.detail.step === 'fulfil') {
    confirmation.needId = event.detail.needId;
    document.getElementById('confirm-section').hidden = false;
  }
});

confirmation.addEventListener('vk-need-step', () => {
  myClaims.reload?.();
  myHours.reload?.();
});
