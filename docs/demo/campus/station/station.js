// The station's kiosk page. It never sees a secret key: the campus back end
// (/campus/api/station-session) signs the staff member in, mints a short-lived organizer session
// and says which duty is on now. The token goes to the widgets as a property, never into a URL.
const provider = document.getElementById('provider');
const kiosk = document.getElementById('kiosk');
const roster = document.getElementById('roster');
const status = document.getElementById('staff-status');
const statusText = document.getElementById('staff-text');

const clock = (iso, timeZone) => new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

async function signIn() {
  try {
    const response = await fetch('/campus/api/station-session', { method: 'POST' });
    if (!response.ok) throw new Error(`station session: ${response.status}`);
    const { token, staff, shift } = await response.json();
    statusText.textContent = `${staff.name} · 已登录`;
    status.classList.add('ok');
    document.getElementById('duty-title').textContent = shift.title;
    document.getElementById('duty-time').textContent =
      `今日值班 ${clock(shift.start, shift.timezone)}–${clock(shift.end, shift.timezone)}。值班志愿者到站后，用手机打开“我的签到”，输入屏幕上的签到码即可签到；离站时同样签退。`;
    await customElements.whenDefined('vk-provider');
    provider.session = token;
    kiosk.shiftId = shift.id;
    kiosk.timeZone = shift.timezone;
    roster.shiftId = shift.id;
    roster.timeZone = shift.timezone;
  } catch (error) {
    console.warn(error);
    statusText.textContent = '教职工登录暂不可用，请稍后刷新页面。';
  }
}

// Someone checked in since the last code: the roster reads the list again.
let checkedIn;
kiosk.addEventListener('vk-checkin-code', (event) => {
  if (checkedIn !== undefined && event.detail.checkedIn !== checkedIn) roster.reload?.();
  checkedIn = event.detail.checkedIn;
});

signIn();
