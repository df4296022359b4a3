import { examplePhone } from '../libs/sms/src/phone';
import { HttpClient } from '../libs/testing/src/http-client';

/**
 * What a district has after a few weeks, so a new portal is not empty: a roster import (with the
 * row errors a real file has), notices sent (a catalog template in every language, an urgent
 * early release, an emergency that no one translated), and families' replies in their languages.
 */

const DEADLINE_MS = 120_000;

/** A plain CSV as a student information system exports it: two rows it must refuse. */
function rosterCsv(): string {
  const rows = [
    'Student ID,Student Name,School,Grade,Guardian Name,Phone,Language,Relationship',
    `D-201,"Ramírez, Diego",Lincoln Elementary,02,Carmen Ramírez,${examplePhone('US', 20)},Spanish,Mother`,
    `D-202,"Ramírez, Lucía",Roosevelt Middle School,06,Carmen Ramírez,${examplePhone('US', 20)},Spanish,Mother`,
    `D-203,Phương Trần,Lincoln Elementary,04,Hà Trần,${examplePhone('US', 21)},Tiếng Việt,Guardian`,
    `D-204,Yusuf Abdi,Roosevelt Middle School,08,Faadumo Abdi,${examplePhone('US', 22)},Somali,Mother`,
    `D-205,Noor Khalil,Lincoln Elementary,01,Rania Khalil,${examplePhone('US', 23)},Arabic,Mother`,
    // What real exports hold: a number that cannot take texts, a row with no student id.
    'D-206,Ava Smith,Lincoln Elementary,03,Jordan Smith,555-0100,English,Father',
    ',Liam Brown,Roosevelt Middle School,07,Casey Brown,' + examplePhone('US', 24) + ',English,Guardian',
  ];
  return `${rows.join('\r\n')}\r\n`;
}

/** Polls `probe` until it answers, or gives up with a line naming what the demo waited for. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`the demo waited too long for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function sendNotice(api: HttpClient, notice: object): Promise<string> {
  const created = await api.post('/api/v1/notices', notice);
  if (created.status !== 201) throw new Error(`could not write a demo notice: ${JSON.stringify(created.body)}`);
  const sent = await api.post(`/api/v1/notices/${created.body.id}/send`);
  if (sent.status !== 202) throw new Error(`could not send a demo notice: ${JSON.stringify(sent.body)}`);
  return created.body.id as string;
}

export async function seedDemoActivity(options: {
  api: HttpClient;
  sandbox: HttpClient;
  accountSid: string;
  schoolNumber: string;
  schools: { lincoln: string; roosevelt: string };
}): Promise<void> {
  const { api, sandbox } = options;

  const form = new FormData();
  form.append('file', new Blob([rosterCsv()], { type: 'text/csv' }), 'sis-export.csv');
  const started = await api.post('/api/v1/imports/csv', form);
  if (started.status !== 202) throw new Error(`could not start the demo import: ${JSON.stringify(started.body)}`);
  await until('the roster import', async () => ['completed', 'failed'].includes((await api.get(`/api/v1/imports/${started.body.id}`)).body.status));

  const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
  const notices = [
    await sendNotice(api, {
      title: 'Picture day',
      sourceLanguage: 'en',
      urgency: 'normal',
      audience: { all: true },
      template: { key: 'picture_day', variables: { school: 'Lincoln Elementary', date: tomorrow } },
    }),
    await sendNotice(api, {
      title: 'Early release',
      sourceLanguage: 'en',
      urgency: 'urgent',
      audience: { schoolIds: [options.schools.lincoln] },
      template: { key: 'early_release', variables: { school: 'Lincoln Elementary', date: tomorrow, time: '12:30' } },
    }),
    // No engine in the demo: each family gets "Urgent message from …:" in its language, then this text.
    await sendNotice(api, {
      title: 'Water outage',
      body: 'Roosevelt Middle School has no running water today. Students are safe; pick-up is at 11:00 at the front entrance.',
      sourceLanguage: 'en',
      urgency: 'emergency',
      audience: { schoolIds: [options.schools.roosevelt] },
    }),
  ];
  for (const id of notices) {
    await until('the demo notices to reach the families', async () => (await api.get(`/api/v1/notices/${id}`)).body.status === 'sent');
  }

  // Two families answer in their own language; each reply goes to the notice's author.
  for (const [n, body] of [
    [1, 'Gracias. ¿Mi hija necesita llevar uniforme para las fotos?'],
    [2, 'Cảm ơn cô. Cháu Minh sẽ về lúc 12:30 phải không ạ?'],
  ] as const) {
    const from = examplePhone('US', n);
    const posted = await sandbox.post('/sandbox/inbound', { accountSid: options.accountSid, from, to: options.schoolNumber, body });
    if (posted.status !== 200 && posted.status !== 201) throw new Error(`could not text as a demo family: ${JSON.stringify(posted.body)}`);
    await until('the demo replies in the inbox', async () =>
      (await api.get('/api/v1/conversations')).body.items.some((c: { phone: string }) => c.phone === from),
    );
  }
}
