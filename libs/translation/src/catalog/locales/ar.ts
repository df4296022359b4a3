import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const ar: CatalogResource = {
  language: 'ar',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: لا دراسة يوم {{date, day}} بسبب سوء الأحوال الجوية. حافظوا على سلامتكم.',
    delayed_opening: '{{school}}: يبدأ الدوام متأخرًا {{minutes}} دقيقة يوم {{date, day}} بسبب الطقس. وستتأخر الحافلات {{minutes}} دقيقة.',
    early_release: '{{school}}: انصراف مبكر الساعة {{time, clock}} يوم {{date, day}}. يرجى ترتيب اصطحاب طفلكم أو وجود أحد في المنزل.',
    absence_today: 'تم تسجيل غياب {{student}} اليوم في {{school}}. يرجى الاتصال بالمدرسة أو الرد على هذه الرسالة.',
    conferences: 'لقاءات أولياء الأمور والمعلمين في {{school}} يوم {{date, day}}. يرجى الرد أو الاتصال بالمدرسة لاختيار موعد.',
    school_event: 'تدعوكم {{school}} إلى {{event}} يوم {{date, day}} الساعة {{time, clock}}. نتطلع لرؤيتكم!',
    meals_application: 'قدّموا طلب الوجبات المدرسية المجانية أو المخفّضة في {{school}}: {{url}} معلوماتكم سرية.',
    bus_delay: 'الحافلة {{route}} الخاصة بـ{{school}} متأخرة اليوم نحو {{minutes}} دقيقة. شكرًا لصبركم.',
    picture_day: 'يوم التصوير في {{school}} هو {{date, day}}. سيحضر طفلكم استمارة الطلب إلى المنزل.',
    immunizations_due: 'يحتاج {{student}} إلى التطعيمات المطلوبة قبل {{date, day}} لمواصلة الدوام المدرسي. يرجى التواصل مع ممرضة المدرسة.',
    lockdown: '{{school}} في حالة إغلاق أمني. الطلاب بأمان في الداخل. يرجى عدم الحضور إلى المدرسة. سنوافيكم بالمستجدات.',
    all_clear: '{{school}}: انتهى الإغلاق الأمني واستؤنفت الدراسة بشكل طبيعي. شكرًا لصبركم.',
    report_cards: 'الشهادات المدرسية لـ{{school}} متاحة الآن: {{url}} للاستفسار يرجى التواصل مع المدرسة.',
  },
  lines: {
    urgent_from: 'رسالة عاجلة من {{district}}:',
  },
};
