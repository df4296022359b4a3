/** Writing systems a short message can be told apart by, before any statistics. */
export type Script = 'latin' | 'cyrillic' | 'arabic' | 'hangul' | 'han' | 'kana' | 'other' | 'none';

const SCRIPTS: Array<[Exclude<Script, 'none' | 'other'>, RegExp]> = [
  ['latin', /\p{Script=Latin}/gu],
  ['cyrillic', /\p{Script=Cyrillic}/gu],
  ['arabic', /\p{Script=Arabic}/gu],
  ['hangul', /\p{Script=Hangul}/gu],
  ['han', /\p{Script=Han}/gu],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
];

/** The script most of the text's letters are written in; 'none' when it has no letters at all. */
export function dominantScript(text: string): Script {
  let best: Script = 'none';
  let bestCount = 0;
  for (const [script, pattern] of SCRIPTS) {
    const count = text.match(pattern)?.length ?? 0;
    if (count > bestCount) [best, bestCount] = [script, count];
  }
  if (best === 'han' && (text.match(SCRIPTS[5][1])?.length ?? 0) > 0) return 'kana';
  if (best === 'none' && /\p{L}/u.test(text)) return 'other';
  return best;
}

/** The script each project language is written in, so a prior never contradicts what is on the screen. */
export const LANGUAGE_SCRIPT: Record<string, Script> = {
  en: 'latin',
  es: 'latin',
  vi: 'latin',
  so: 'latin',
  ht: 'latin',
  pt: 'latin',
  tl: 'latin',
  fr: 'latin',
  ru: 'cyrillic',
  ar: 'arabic',
  ko: 'hangul',
  'zh-Hans': 'han',
  'zh-Hant': 'han',
};

// Common characters that differ between the two written forms of Chinese, as simplified/traditional
// pairs. Enough to tell which form a parent types in; a text with neither kind is called simplified,
// the form most families in US districts read.
const PAIRS =
  '们們这這个個来來时時说說学學后後会會对對现現样樣发發经經书書车車长長东東电電话話问問间間见見还還进進过過让讓认認请請谢謝' +
  '师師儿兒几幾钱錢带帶签簽没沒吗嗎约約医醫饭飯级級课課节節办辦单單岁歲开開关關门門买買卖賣鸡雞听聽读讀写寫号號码碼诉訴给給' +
  '试試题題纸紙爷爺妈媽亲親孙孫习習乐樂动動场場体體网網华華国國语語汉漢边邊远遠运運么麼为為应應该該与與业業两兩举舉义義乡鄉' +
  '乱亂争爭云雲产產亿億仅僅从從价價众眾优優伞傘传傳伤傷债債迟遲领領导導紧緊张張准準备備饿餓药藥烧燒热熱头頭园園图圖馆館' +
  '钟鐘点點气氣须須确確讯訊线線样樣换換记記录錄员員队隊级級难難风風飞飛马馬鱼魚鸟鳥龙龍齿齒补補决決况況冻凍净淨减減' +
  '划劃剧劇动動劳勞势勢区區协協单單卫衛厅廳历歷压壓厕廁参參双雙变變叶葉吓嚇员員响響团團围圍图圖坏壞块塊坚堅处處备備复復' +
  '够夠头頭夹夾奋奮妇婦娱娛孙孫宁寧实實宽寬宝寶尽盡层層岁歲币幣帮幫广廣庆慶庄莊废廢库庫应應归歸当當录錄忆憶怀懷态態总總恶惡' +
  '惊驚惯慣戏戲战戰户戶护護报報担擔拥擁择擇换換据據摆擺数數断斷无無旧舊显顯晓曉暂暫术術机機杂雜权權条條极極检檢楼樓' +
  '欢歡残殘毕畢气氣汇匯泪淚洁潔浅淺济濟湾灣满滿灯燈灵靈炉爐烦煩爱愛牵牽状狀独獨猪豬环環现現疗療盖蓋盘盤睁睜础礎离離种種' +
  '积積称稱稳穩穷窮竞競笔筆简簡类類练練组組细細终終经經结結绍紹给給统統继繼续續绿綠网網罗羅职職联聯肠腸肤膚脑腦脚腳' +
  '艺藝节節荣榮药藥获獲虽雖装裝观觀规規视視览覽订訂计計认認让讓讲講论論设設访訪证證评評识識诊診词詞译譯试試' +
  '询詢该該详詳语語误誤说說请請读讀课課谁誰调調谈談谢謝贝貝负負责責贵貴费費资資赛賽赶趕跃躍轮輪软軟轻輕较較辆輛输輸辞辭' +
  '边邊达達迁遷运運还還这這进進远遠违違连連选選递遞钥鑰铁鐵银銀错錯锅鍋长長门門问問闭閉闲閒间間闹鬧阅閱队隊阳陽阴陰阶階' +
  '际際陆陸险險随隨隐隱难難雾霧静靜顶頂项項顺順须須顾顧预預领領频頻题題颜顏风風饮飲饱飽馆館驾駕验驗体體么麼塞塞';

const SIMPLIFIED = new Set<string>();
const TRADITIONAL = new Set<string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  const [simplified, traditional] = [PAIRS[i], PAIRS[i + 1]];
  if (simplified === traditional) continue;
  SIMPLIFIED.add(simplified);
  TRADITIONAL.add(traditional);
}
// Cantonese particles are written in the traditional form by nearly everyone who types them.
for (const ch of '唔係嘅咗喺佢哋冇嘢乜嚟啲') TRADITIONAL.add(ch);

/**
 * Simplified ("zh-Hans") or traditional ("zh-Hant") Chinese, by counting the characters that differ;
 * `undecided` when the text has as many of one kind as of the other ("好", "收到", "知道了").
 */
export function chineseVariant(text: string, undecided: 'zh-Hans' | 'zh-Hant' = 'zh-Hans'): 'zh-Hans' | 'zh-Hant' {
  let simplified = 0;
  let traditional = 0;
  for (const ch of text) {
    if (SIMPLIFIED.has(ch)) simplified++;
    else if (TRADITIONAL.has(ch)) traditional++;
  }
  return traditional === simplified ? undecided : traditional > simplified ? 'zh-Hant' : 'zh-Hans';
}
