import type { EmailAction } from './action-token.js';

/** Every text an action page shows. A language is added by giving each of these keys its words. */
export interface PageMessages {
  dir: 'ltr' | 'rtl';
  heading: Record<EmailAction, string>;
  submit: Record<EmailAction, string>;
  done: Record<EmailAction, string>;
  commitment: string;
  deadline: string;
  noDeadline: string;
  status: string;
  progressText: string;
  evidenceUrl: string;
  optional: string;
  newDeadline: string;
  newDeadlineHint: string;
  reason: string;
  doneNote: string;
  stopAll: string;
  stopAllExplained: string;
  when: string;
  again: string;
  linkInvalid: string;
  linkExpired: string;
  formExpired: string;
  notFound: string;
  badInput: string;
}

const en: PageMessages = {
  dir: 'ltr',
  heading: { acknowledge: 'Acknowledge', progress: 'Report progress', extend: 'Ask for more time', done: 'Mark as done', unsubscribe: 'Stop these reminders' },
  submit: {
    acknowledge: 'I have seen this',
    progress: 'Send the update',
    extend: 'Ask for more time',
    done: 'Mark as done',
    unsubscribe: 'Stop reminders about this commitment',
  },
  done: {
    acknowledge: 'You acknowledged this commitment.',
    progress: 'You reported progress.',
    extend: 'You asked for more time.',
    done: 'You marked this commitment as done.',
    unsubscribe: 'Reminders are stopped.',
  },
  commitment: 'Commitment',
  deadline: 'Deadline',
  noDeadline: 'none',
  status: 'Status',
  progressText: 'What has been done',
  evidenceUrl: 'Link to evidence',
  optional: 'optional',
  newDeadline: 'New deadline',
  newDeadlineHint: 'A day (2026-03-31), a month (2026-03), a quarter (2026-Q2) or a year (2027)',
  reason: 'Why more time is needed',
  doneNote: 'A short note',
  stopAll: 'Stop all reminders to me',
  stopAllExplained: 'You will get no reminders about any commitment until an administrator turns them on again.',
  when: 'When',
  again: 'You can send another update below.',
  linkInvalid: 'This link is not valid. Please use the link from your email exactly as it was sent.',
  linkExpired: 'This link has expired. The next reminder will bring a new one.',
  formExpired: 'This form has expired. Please open the link from your email again.',
  notFound: 'This commitment no longer exists.',
  badInput: 'Please check what you entered',
};

const ru: PageMessages = {
  dir: 'ltr',
  heading: {
    acknowledge: 'Подтвердить получение',
    progress: 'Сообщить о ходе работы',
    extend: 'Попросить больше времени',
    done: 'Отметить как выполненное',
    unsubscribe: 'Остановить напоминания',
  },
  submit: {
    acknowledge: 'Я ознакомился',
    progress: 'Отправить',
    extend: 'Попросить больше времени',
    done: 'Отметить как выполненное',
    unsubscribe: 'Остановить напоминания об этом обязательстве',
  },
  done: {
    acknowledge: 'Вы подтвердили получение.',
    progress: 'Вы сообщили о ходе работы.',
    extend: 'Вы попросили больше времени.',
    done: 'Вы отметили обязательство как выполненное.',
    unsubscribe: 'Напоминания остановлены.',
  },
  commitment: 'Обязательство',
  deadline: 'Срок',
  noDeadline: 'не указан',
  status: 'Статус',
  progressText: 'Что сделано',
  evidenceUrl: 'Ссылка на подтверждение',
  optional: 'необязательно',
  newDeadline: 'Новый срок',
  newDeadlineHint: 'День (2026-03-31), месяц (2026-03), квартал (2026-Q2) или год (2027)',
  reason: 'Почему нужно больше времени',
  doneNote: 'Краткое примечание',
  stopAll: 'Остановить все напоминания мне',
  stopAllExplained: 'Вы не будете получать напоминания ни об одном обязательстве, пока администратор их не включит.',
  when: 'Когда',
  again: 'Ниже можно отправить ещё одно сообщение.',
  linkInvalid: 'Ссылка недействительна. Используйте ссылку из письма в точности.',
  linkExpired: 'Срок действия ссылки истёк. Следующее напоминание принесёт новую.',
  formExpired: 'Форма устарела. Откройте ссылку из письма ещё раз.',
  notFound: 'Этого обязательства больше нет.',
  badInput: 'Проверьте введённые данные',
};

const ur: PageMessages = {
  dir: 'rtl',
  heading: {
    acknowledge: 'وصولی کی تصدیق',
    progress: 'پیش رفت کی اطلاع',
    extend: 'مزید وقت کی درخواست',
    done: 'مکمل کے طور پر نشان زد کریں',
    unsubscribe: 'یاد دہانیاں بند کریں',
  },
  submit: {
    acknowledge: 'میں نے دیکھ لیا ہے',
    progress: 'بھیجیں',
    extend: 'مزید وقت کی درخواست کریں',
    done: 'مکمل کے طور پر نشان زد کریں',
    unsubscribe: 'اس وعدے کی یاد دہانیاں بند کریں',
  },
  done: {
    acknowledge: 'آپ نے وصولی کی تصدیق کر دی۔',
    progress: 'آپ نے پیش رفت کی اطلاع دے دی۔',
    extend: 'آپ نے مزید وقت کی درخواست کی۔',
    done: 'آپ نے اس وعدے کو مکمل کے طور پر نشان زد کیا۔',
    unsubscribe: 'یاد دہانیاں بند کر دی گئیں۔',
  },
  commitment: 'وعدہ',
  deadline: 'آخری تاریخ',
  noDeadline: 'کوئی نہیں',
  status: 'حیثیت',
  progressText: 'کیا کیا گیا ہے',
  evidenceUrl: 'ثبوت کا لنک',
  optional: 'اختیاری',
  newDeadline: 'نئی آخری تاریخ',
  newDeadlineHint: 'دن (2026-03-31)، مہینہ (2026-03)، سہ ماہی (2026-Q2) یا سال (2027)',
  reason: 'مزید وقت کیوں درکار ہے',
  doneNote: 'مختصر نوٹ',
  stopAll: 'مجھے تمام یاد دہانیاں بند کریں',
  stopAllExplained: 'جب تک منتظم انہیں دوبارہ شروع نہ کرے، آپ کو کسی وعدے کی یاد دہانی نہیں ملے گی۔',
  when: 'کب',
  again: 'آپ نیچے ایک اور اطلاع بھیج سکتے ہیں۔',
  linkInvalid: 'یہ لنک درست نہیں۔ براہ کرم ای میل والا لنک بالکل ویسا ہی استعمال کریں۔',
  linkExpired: 'اس لنک کی میعاد ختم ہو گئی ہے۔ اگلی یاد دہانی میں نیا لنک آئے گا۔',
  formExpired: 'یہ فارم پرانا ہو گیا ہے۔ براہ کرم ای میل والا لنک دوبارہ کھولیں۔',
  notFound: 'یہ وعدہ اب موجود نہیں۔',
  badInput: 'براہ کرم اپنا اندراج چیک کریں',
};

export const pageLanguages = { en, ru, ur } as const;
export type PageLanguage = keyof typeof pageLanguages;

/** The first language of Accept-Language we have words for; English otherwise. */
export function languageOf(acceptLanguage: string | undefined): PageLanguage {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { base: tag.split('-')[0], q: Number.isNaN(q) ? 0 : q };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q);
  return (wanted.find((w) => w.base in pageLanguages)?.base as PageLanguage | undefined) ?? 'en';
}
