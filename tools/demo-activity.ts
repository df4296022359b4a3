import { examplePhone } from '../libs/sms/src/phone';
import { HttpClient } from '../libs/testing/src/http-client';

/**
 * What a district has after a few weeks, so a new portal is not empty: a roster import (with the
 * row errors a real file has), notices sent (a catalog template in every language, an urgent
 * early release, an emergency that no one translated), and families' replies in their languages.
 */

const DEADLINE_MS = 120_000;

/**
 * More of the district's families: the Somali-speaking ones get every notice and never answer,
 * the others thank the school in their languages, so the reach report has a group it flags as
 * under-heard (docs/family-voice.md#reach-and-voice), as districts find when they first look.
 */
const COHORT: { student: string; grade: string; guardian: string; phone: number; language: string; thanks?: string }[] = [
  { student: 'Ayaan Warsame', grade: '02', guardian: 'Hawa Warsame', phone: 30, language: 'Somali' },
  { student: 'Mahad Farah', grade: '06', guardian: 'Sahra Farah', phone: 31, language: 'Somali' },
  { student: 'Ifrah Omar', grade: '03', guardian: 'Asha Omar', phone: 32, language: 'Somali' },
  { student: 'Abdirahman Ali', grade: '07', guardian: 'Khadra Ali', phone: 33, language: 'Somali' },
  { student: 'Sagal Mohamed', grade: '01', guardian: 'Ubah Mohamed', phone: 34, language: 'Somali' },
  { student: 'Liban Yusuf', grade: '08', guardian: 'Deeqa Yusuf', phone: 35, language: 'Somali' },
  { student: 'Najma Hussein', grade: '04', guardian: 'Fadumo Hussein', phone: 36, language: 'Somali' },
  { student: 'Guled Ahmed', grade: '06', guardian: 'Idil Ahmed', phone: 37, language: 'Somali' },
  { student: 'Mateo López', grade: '02', guardian: 'Ana López', phone: 38, language: 'Spanish', thanks: 'Gracias por avisar, ahí estaremos.' },
  { student: 'Valentina Cruz', grade: '06', guardian: 'Rosa Cruz', phone: 39, language: 'Spanish', thanks: 'Muchas gracias' },
  { student: 'Santiago Pérez', grade: '05', guardian: 'Luis Pérez', phone: 40, language: 'Spanish', thanks: 'gracias!!' },
  { student: 'Camila Torres', grade: '07', guardian: 'Elena Torres', phone: 41, language: 'Spanish', thanks: 'Ok, gracias maestra' },
  { student: 'Bảo Lê', grade: '03', guardian: 'Thu Lê', phone: 42, language: 'Tiếng Việt', thanks: 'Cảm ơn thầy cô nhiều' },
  { student: 'An Phạm', grade: '08', guardian: 'Lan Phạm', phone: 43, language: 'Tiếng Việt', thanks: 'Dạ cảm ơn' },
  { student: 'Yara Saleh', grade: '01', guardian: 'Huda Saleh', phone: 44, language: 'Arabic', thanks: 'شكرا جزيلا' },
  { student: 'Adam Nasser', grade: '07', guardian: 'Mona Nasser', phone: 45, language: 'Arabic', thanks: 'شكرا على التذكير' },
  { student: 'Olivia Martin', grade: '04', guardian: 'Kate Martin', phone: 46, language: 'English', thanks: 'Thanks for the reminder!' },
  { student: 'Noah Davis', grade: '06', guardian: 'Chris Davis', phone: 47, language: 'English', thanks: 'Got it, thank you' },
];

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
    ...COHORT.map(
      (family, i) =>
        `D-${String(301 + i)},${family.student},${i % 2 === 0 ? 'Lincoln Elementary' : 'Roosevelt Middle School'},${family.grade},${family.guardian},${examplePhone('US', family.phone)},${family.language},Guardian`,
    ),
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

  // Families answer in their own language; each reply goes to the notice's author.
  const replies: (readonly [number, string])[] = [
    [1, 'Gracias. ¿Mi hija necesita llevar uniforme para las fotos?'],
    [2, 'Cảm ơn cô. Cháu Minh sẽ về lúc 12:30 phải không ạ?'],
    ...COHORT.flatMap((family) => (family.thanks === undefined ? [] : [[family.phone, family.thanks] as const])),
  ];
  for (const [n, body] of replies) {
    const from = examplePhone('US', n);
    const posted = await sandbox.post('/sandbox/inbound', { accountSid: options.accountSid, from, to: options.schoolNumber, body });
    if (posted.status !== 200 && posted.status !== 201) throw new Error(`could not text as a demo family: ${JSON.stringify(posted.body)}`);
    await until('the demo replies in the inbox', async () =>
      (await api.get('/api/v1/conversations')).body.items.some((c: { phone: string }) => c.phone === from),
    );
  }
}
