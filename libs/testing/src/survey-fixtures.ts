/**
 * The survey the survey specs send: a meeting time (a choice), the bus (yes/no) and how happy the
 * family is with the school (a 1–5 scale), with an intro, and its texts as a person wrote them in
 * Spanish, Vietnamese and Arabic.
 */
export const MEETING_SURVEY = {
  intro: 'We want to hear from you.',
  questions: [
    {
      key: 'time',
      text: 'When can you come to a meeting?',
      kind: 'choice',
      options: [
        { key: '1', label: 'Morning' },
        { key: '2', label: 'Afternoon' },
        { key: '3', label: 'Evening' },
      ],
    },
    { key: 'bus', text: 'Does your child ride the bus?', kind: 'yesno' },
    { key: 'happy', text: 'How happy are you with the school?', kind: 'scale', scale: { min: 1, max: 5 } },
  ],
};

export const MEETING_SURVEY_TRANSLATIONS = {
  es: {
    intro: 'Queremos saber su opinión.',
    questions: [
      {
        key: 'time',
        text: '¿Cuándo puede venir a una reunión?',
        options: [
          { key: '1', label: 'Mañana' },
          { key: '2', label: 'Tarde' },
          { key: '3', label: 'Noche' },
        ],
      },
      { key: 'bus', text: '¿Su hijo toma el autobús?' },
      { key: 'happy', text: '¿Qué tan contento está con la escuela?' },
    ],
  },
  vi: {
    intro: 'Chúng tôi muốn lắng nghe quý vị.',
    questions: [
      {
        key: 'time',
        text: 'Khi nào quý vị có thể đến họp?',
        options: [
          { key: '1', label: 'Buổi sáng' },
          { key: '2', label: 'Buổi chiều' },
          { key: '3', label: 'Buổi tối' },
        ],
      },
      { key: 'bus', text: 'Con quý vị có đi xe buýt không?' },
      { key: 'happy', text: 'Quý vị hài lòng với trường đến mức nào?' },
    ],
  },
  ar: {
    intro: 'نريد أن نسمع منكم.',
    questions: [
      {
        key: 'time',
        text: 'متى يمكنكم حضور اجتماع؟',
        options: [
          { key: '1', label: 'الصباح' },
          { key: '2', label: 'بعد الظهر' },
          { key: '3', label: 'المساء' },
        ],
      },
      { key: 'bus', text: 'هل يركب طفلكم الحافلة؟' },
      { key: 'happy', text: 'ما مدى رضاكم عن المدرسة؟' },
    ],
  },
};
