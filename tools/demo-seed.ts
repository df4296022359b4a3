import { createHash } from 'node:crypto';
import { examplePhone } from '../libs/sms/src/phone';
import { HttpClient } from '../libs/testing/src/http-client';
import { seedDemoActivity } from './demo-activity';
import { seedDemoVoice } from './demo-voice';

interface DemoOptions {
  apiUrl: string;
  /** What Twilio (here, the sandbox) posts webhooks to; signatures are checked against it. */
  publicBaseUrl: string;
  sandboxUrl: string;
  platformToken: string;
  adminPassword: string;
}

const SLUG = 'demo';
const ADMIN_EMAIL = 'admin@demo.porchlight.local';
const SCHOOL_NUMBER = '+16175550100';

const FAMILIES = [
  { givenName: 'Maria', familyName: 'Garcia', language: 'es', child: ['Sofia', 'Garcia', '03'] },
  { givenName: 'Linh', familyName: 'Nguyen', language: 'vi', child: ['Minh', 'Nguyen', '05'] },
  { givenName: 'Amina', familyName: 'Hassan', language: 'so', child: ['Hodan', 'Hassan', '01'] },
  { givenName: 'Omar', familyName: 'Haddad', language: 'ar', child: ['Layla', 'Haddad', '07'] },
  { givenName: 'Wei', familyName: 'Chen', language: 'zh-Hans', child: ['Ming', 'Chen', '04'] },
  { givenName: 'Sarah', familyName: 'Johnson', language: 'en', child: ['Ethan', 'Johnson', '03'] },
];

/** Seeds the demo district once (later starts reuse it) and says how to use it. */
export async function seedDemo(options: DemoOptions): Promise<string> {
  const accountSid = `AC${createHash('sha256').update(`demo-account:${options.platformToken}`).digest('hex').slice(0, 32)}`;
  const authToken = createHash('sha256').update(`demo-token:${options.platformToken}`).digest('hex').slice(0, 32);
  const sandbox = new HttpClient(options.sandboxUrl);
  await sandbox.post('/sandbox/accounts', { accountSid, authToken, smsUrl: `${options.publicBaseUrl.replace(/\/$/, '')}/webhooks/twilio/sms` });

  const platform = new HttpClient(options.apiUrl, options.platformToken);
  const created = await platform.post('/api/v1/platform/tenants', {
    slug: SLUG,
    name: 'Porchlight Demo District',
    timezone: 'America/New_York',
    country: 'US',
    defaultLanguage: 'en',
    languages: ['en', 'es', 'vi', 'so', 'ar', 'zh-Hans'],
    sms: { provider: 'sandbox', accountSid, authToken, fromNumber: SCHOOL_NUMBER },
    admin: { email: ADMIN_EMAIL, password: options.adminPassword, name: 'Demo Admin' },
  });
  if (created.status !== 201 && created.status !== 409) throw new Error(`could not create the demo district: ${JSON.stringify(created.body)}`);

  if (created.status === 201) {
    const login = await new HttpClient(options.apiUrl).post('/api/v1/auth/login', { tenant: SLUG, email: ADMIN_EMAIL, password: options.adminPassword });
    const api = new HttpClient(options.apiUrl, login.body.accessToken);
    // The demo answers at any hour; a real district keeps quiet hours (08:00-21:00 by default).
    await api.patch('/api/v1/settings', { quietHours: { start: '00:00', end: '00:00' }, helpContact: 'help@demo.porchlight.example' });
    const lincoln = (await api.post('/api/v1/schools', { name: 'Lincoln Elementary' })).body;
    const roosevelt = (await api.post('/api/v1/schools', { name: 'Roosevelt Middle School' })).body;
    for (const [i, family] of FAMILIES.entries()) {
      const [givenName, familyName, grade] = family.child;
      const school = Number(grade) >= 6 ? roosevelt : lincoln;
      const student = (await api.post('/api/v1/students', { givenName, familyName, grade, schoolId: school.id })).body;
      const contact = await api.post('/api/v1/contacts', {
        givenName: family.givenName,
        familyName: family.familyName,
        phone: examplePhone('US', i + 1),
        language: family.language,
        studentIds: [student.id],
      });
      if (contact.status !== 201) throw new Error(`could not add a demo family: ${JSON.stringify(contact.body)}`);
    }
    // A roster import, sent notices and replies, so the portal opens on a district at work.
    await seedDemoActivity({ api, sandbox, accountSid, schoolNumber: SCHOOL_NUMBER, schools: { lincoln: lincoln.id, roosevelt: roosevelt.id } });
    // A survey four families answered in their languages, the decision it fed, and "you said, we did".
    await seedDemoVoice({ api, sandbox, accountSid, schoolNumber: SCHOOL_NUMBER });
  }

  const families = FAMILIES.map((f, i) => `    ${examplePhone('US', i + 1)}  ${f.givenName} ${f.familyName} (${f.language})`).join('\n');
  return `
Porchlight demo is running.
  Portal:         ${options.apiUrl}/   (sign in with the district, admin login and password below)
  API:            ${options.apiUrl}/api/v1   (OpenAPI: ${options.apiUrl}/api/docs)
  Family phones:  ${options.sandboxUrl}/   (the SMS sandbox: what families received; text back as a family)
  District:       ${SLUG}
  Admin login:    ${ADMIN_EMAIL} / ${options.adminPassword}
  Platform token: ${options.platformToken}
  Quiet hours:    none in the demo district (real districts default to 08:00-21:00 recipient time)
  Seeded:         a roster import (with its row errors), three sent notices, families' replies in five
                  languages, a survey answered in four and the decision it fed, communicated to those
                  families, and a reach report in which Somali-speaking families are under-heard
  Reach:          ${options.apiUrl}/api/v1/reports/reach?by=language   (who was reached, who was heard)
  Public page:    ${options.apiUrl}/p/${SLUG}/decisions?lang=es   ("you said, we did", no login)
  Translation:    no engine yet. Add one: run LibreTranslate (docker run -p 5000:5000 libretranslate/libretranslate)
                  and restart with TRANSLATION_FALLBACK_URL=http://127.0.0.1:5000 npm run demo, or set the
                  district's own engine with PATCH /api/v1/settings (README, "Adding a translation engine")
  Families:
${families}

  Log in:   curl -s ${options.apiUrl}/api/v1/auth/login -H 'content-type: application/json' \\
              -d '{"tenant":"${SLUG}","email":"${ADMIN_EMAIL}","password":"${options.adminPassword}"}'
  Text as a family (STOP, HELP, or any reply):
            curl -s ${options.sandboxUrl}/sandbox/inbound -H 'content-type: application/json' \\
              -d '{"accountSid":"${accountSid}","from":"${examplePhone('US', 1)}","to":"${SCHOOL_NUMBER}","body":"Hola, gracias"}'
Stop with Ctrl-C.`;
}
