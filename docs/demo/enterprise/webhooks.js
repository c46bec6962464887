// The intranet's webhook log page: reads what its own back end received (scripts/demo-server.mjs,
// POST /enterprise/api/webhooks) and lists it. Text only (no innerHTML), so it runs under the
// page's Trusted Types policy.
const summary = document.getElementById('summary');
const body = document.querySelector('#log tbody');
const TYPES = {
  'signup.created': '新报名', 'signup.cancelled': '报名取消', 'signup.approved': '报名通过', 'signup.rejected': '报名未通过',
  'signup.promoted': '候补转正', 'signup.updated': '报名状态变化', 'attendance.checked_in': '签到', 'attendance.checked_out': '签退',
  'attendance.corrected': '考勤更正', 'service_record.created': '工时记录生成', 'service_record.approved': '工时通过',
  'service_record.rejected': '工时驳回', 'service_record.superseded': '工时被更正', 'dispute.opened': '申诉提交', 'dispute.resolved': '申诉处理完毕',
};

const cell = (text) => {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
};

async function load() {
  try {
    const response = await fetch('/enterprise/api/webhook-log', { cache: 'no-store' });
    const log = await response.json();
    if (log.error) {
      summary.textContent = `未能注册接收地址：${log.error}`;
      return;
    }
    summary.textContent = log.events.length === 0
      ? '还没有收到事件。去“公益与志愿”报名一个活动，几秒内这里就会出现。'
      : `已验证 ${log.events.length} 条；签名无效被拒 ${log.refused} 条；重复投递已忽略 ${log.duplicates} 条。`;
    body.replaceChildren(...log.events.map((event) => {
      const tr = document.createElement('tr');
      tr.append(
        cell(new Date(event.receivedAt).toLocaleTimeString('zh-CN')),
        cell(`${TYPES[event.type] ?? event.type}（${event.type}）`),
        cell(event.objectId),
        cell(String(event.version)),
        cell(event.id),
      );
      return tr;
    }));
  } catch {
    summary.textContent = '读取日志失败，请稍后刷新。';
  }
}

document.getElementById('refresh').addEventListener('click', load);
load();
setInterval(load, 5000);
