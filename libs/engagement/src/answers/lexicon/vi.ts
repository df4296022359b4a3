import { LanguageLexicon } from './lexicon.types';

const NUMBERS = ['một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

/** "thứ hai", "cái thứ hai", "số hai". */
const ordinal = (word: string) => [`thứ ${word}`, `cái thứ ${word}`, `lựa chọn thứ ${word}`];

export const vi: LanguageLexicon = {
  numbers: {
    ...Object.fromEntries(NUMBERS.map((word, index) => [index + 1, [word]])),
    4: ['bốn', 'tư'], 7: ['bảy', 'bẩy'],
  },
  ordinals: {
    1: ['thứ nhất', 'cái thứ nhất', 'đầu tiên', 'cái đầu tiên', 'cái đầu'],
    2: [...ordinal('hai'), 'thứ nhì'], 3: ordinal('ba'), 4: ordinal('tư'), 5: ordinal('năm'),
    6: ordinal('sáu'), 7: ordinal('bảy'), 8: ordinal('tám'), 9: ordinal('chín'), 10: ordinal('mười'),
  },
  last: ['cuối cùng', 'cái cuối', 'cái cuối cùng'],
  yes: [
    'có', 'vâng', 'dạ', 'dạ có', 'dạ vâng', 'ừ', 'ừm', 'ờ', 'được', 'dạ được', 'đồng ý', 'ok', 'đúng',
    'đúng rồi', 'chắc chắn', 'tất nhiên', 'có ạ', 'vâng ạ', 'dạ có ạ', 'tôi sẽ đến', 'sẽ đến', 'có tham dự',
    'tôi sẽ tham dự', 'em sẽ đến', 'có chứ', 'dạ rồi', 'oke', 'không sao', 'không vấn đề gì', 'có ạ cảm ơn',
  ],
  no: [
    'không', 'ko', 'k', 'kh', 'hông', 'không ạ', 'dạ không', 'không có', 'chưa', 'chưa có', 'không được',
    'không đi', 'không tham dự', 'không thể', 'dạ không ạ', 'không đến được', 'không có ạ', 'dạ chưa',
  ],
  unsure: [
    'có thể', 'có lẽ', 'chưa biết', 'không biết', 'ko biết', 'k biết', 'không chắc', 'chưa chắc', 'để xem',
    'tùy', 'chưa chắc chắn', 'để em xem',
  ],
  several: ['cả hai', 'tất cả', 'cái nào cũng được', 'cả ba'],
  negators: ['không', 'chẳng', 'chưa', 'đừng', 'ko', 'trừ'],
  fillers: [
    'ạ', 'à', 'nhé', 'nha', 'em', 'anh', 'chị', 'con', 'tôi', 'mình', 'chọn', 'em chọn', 'tôi chọn',
    'số', 'cái', 'cô', 'thầy', 'xin', 'cảm ơn', 'cám ơn', 'là', 'thì', 'chào', 'xin chào', 'lựa chọn',
    'phương án', 'câu', 'câu trả lời', 'ý kiến', 'tốt nhất', 'hơn', 'muốn', 'em muốn', 'thích', 'chúng tôi',
    'cảm ơn nhiều', 'vậy', 'thưa cô', 'thưa thầy', 'nhất',
  ],
  outOf: ['trên'],
  units: ['sao', 'điểm', 'ngôi sao'],
  common: [
    'và', 'của', 'có', 'là', 'không', 'được', 'cho', 'với', 'các', 'những', 'này', 'đã', 'sẽ', 'đi', 'đến',
    'trong', 'người', 'một', 'năm', 'nay', 'thì', 'mà', 'vì', 'nên', 'rồi', 'ngày', 'sau', 'bay', 'tam',
    'chin', 'bon', 'nam', 'muoi',
  ],
  weak: ['một', 'hai', 'ba', 'bốn', 'tư', 'năm', 'sáu', 'bảy', 'bẩy', 'tám', 'chín', 'mười', 'dạ', 'ờ', 'k', 'kh'],
};
