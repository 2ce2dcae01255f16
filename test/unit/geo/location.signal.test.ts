import { describe, expect, it } from '@jest/globals';
import { locateContributor } from '../../../src/geo/locate-contributor.js';

const at = (location: string) => locateContributor({ location }, 'mainland');

describe('location: places in any script resolve to a country and region', () => {
  it.each([
    // Hanzi (simplified, traditional), with province/city suffixes, and pinyin
    ['北京', 'CN', 'CN'],
    ['上海市', 'CN', 'CN'],
    ['浙江省杭州市余杭区', 'CN', 'CN'],
    ['广州', 'CN', 'CN'],
    ['成都', 'CN', 'CN'],
    ['廣東 深圳', 'CN', 'CN'],
    ['Hangzhou, Zhejiang', 'CN', 'CN'],
    ['深圳 / Shenzhen', 'CN', 'CN'],
    ['Wuhan', 'CN', 'CN'],
    ['Hang Zhou', 'CN', 'CN'],
    ['Bei Jing, China', 'CN', 'CN'],
    ['北京市海淀区', 'CN', 'CN'],
    ['中国·杭州', 'CN', 'CN'],
    ['Changsha, Hunan, PRC', 'CN', 'CN'],
    ['Beijing, China', 'CN', 'CN'],
    ["People's Republic of China", 'CN', 'CN'],
    ['P.R.China', 'CN', 'CN'],
    // Hong Kong, Macao, Taiwan in every script; "China" next to them names no second place
    ['香港', 'HK', 'HK'],
    ['Hong Kong SAR', 'HK', 'HK'],
    ['Hong Kong, China', 'HK', 'HK'],
    ['Kowloon', 'HK', 'HK'],
    ['澳门', 'MO', 'MO'],
    ['澳門', 'MO', 'MO'],
    ['Macao', 'MO', 'MO'],
    ['Macau, China', 'MO', 'MO'],
    ['Taipei', 'TW', 'TW'],
    ['臺北', 'TW', 'TW'],
    ['台北市', 'TW', 'TW'],
    ['新竹 Hsinchu', 'TW', 'TW'],
    ['Taiwan, ROC', 'TW', 'TW'],
    ['Republic of China', 'TW', 'TW'],
    ['Taipei, Taiwan, China', 'TW', 'TW'],
    ['台灣高雄', 'TW', 'TW'],
    ['澳門氹仔', 'MO', 'MO'],
    ['香港九龍', 'HK', 'HK'],
    // common English forms and other scripts
    ['SF Bay Area', 'US', 'OTHER'],
    ['Bay Area', 'US', 'OTHER'],
    ['Silicon Valley', 'US', 'OTHER'],
    ['NYC', 'US', 'OTHER'],
    ['USA', 'US', 'OTHER'],
    ['UK', 'GB', 'OTHER'],
    ['London, England', 'GB', 'OTHER'],
    ['Deutschland', 'DE', 'OTHER'],
    ['München', 'DE', 'OTHER'],
    ['Zürich', 'CH', 'OTHER'],
    ['Bengaluru', 'IN', 'OTHER'],
    ['Bangalore', 'IN', 'OTHER'],
    ['東京', 'JP', 'OTHER'],
    ['서울', 'KR', 'OTHER'],
    ['Москва', 'RU', 'OTHER'],
    ['Singapore', 'SG', 'OTHER'],
    ['Kuala Lumpur, Malaysia', 'MY', 'OTHER'],
    ['Manila', 'PH', 'OTHER'],
    ['Quito-Ecuador', 'EC', 'OTHER'],
    // homonyms lean by population; a trailing code is read against the city
    ['Paris', 'FR', 'OTHER'],
    ['Cambridge, UK', 'GB', 'OTHER'],
    ['Cambridge, MA', 'US', 'OTHER'],
    ['Seattle, WA', 'US', 'OTHER'],
    ['Seattle WA', 'US', 'OTHER'],
    ['Perth, WA', 'AU', 'OTHER'],
    ['Toronto, CA', 'CA', 'OTHER'],
    ['San Diego, CA', 'US', 'OTHER'],
    ['Vancouver, BC', 'CA', 'OTHER'],
    ['Atlanta, Georgia', 'US', 'OTHER'],
    ['Tbilisi, Georgia', 'GE', 'OTHER'],
    // emoji flags and URLs
    ['🇩🇪', 'DE', 'OTHER'],
    ['Berlin 🇩🇪', 'DE', 'OTHER'],
    ['🇨🇳', 'CN', 'CN'],
    ['🇹🇼', 'TW', 'TW'],
    ['🗼Tokyo', 'JP', 'OTHER'],
    ['https://example.org Tokyo', 'JP', 'OTHER'],
  ])('%s → %s (%s)', (location, country, region) => {
    const result = at(location);
    expect(result.country).toBe(country);
    expect(result.region).toBe(region);
    expect(result.confidence).toBeGreaterThanOrEqual(0.8);
    expect(result.signals[0]?.kind).toBe('location');
  });

  it('keeps mainland China and Taiwan apart even in the same script family', () => {
    expect(at('台北').region).toBe('TW');
    expect(at('北京').region).toBe('CN');
    expect(at('台中').region).toBe('TW');
    expect(at('中国台湾').region).toBe('TW');
    expect(at('中国香港').region).toBe('HK');
  });
});

describe('location: text that names no place gives no signal', () => {
  it.each([
    'Earth',
    'Remote',
    'Internet',
    'localhost',
    'Worldwide',
    'Milky Way',
    '127.0.0.1',
    '~',
    '地球',
    'https://example.com',
    'Asia',
    'Island',
    'North',
    '   ',
  ])('%j → UNKNOWN, no evidence', (location) => {
    const result = at(location);
    expect(result.region).toBe('UNKNOWN');
    expect(result.country).toBeNull();
    expect(result.confidence).toBe(0);
    expect(result.conflict).toBe(false);
    expect(result.signals.every((s) => s.weight === 0)).toBe(true);
  });

  it('an ambiguous city keeps the region but not the country ("Cambridge": GB, CA or US)', () => {
    const result = at('Cambridge');
    expect(result.country).toBeNull();
    expect(result.countryConfidence).toBeNull();
    expect(result.region).toBe('OTHER');
    expect(at('Cambridge, UK').countryConfidence).toBeGreaterThan(0.9);
  });

  it('two places in different regions abstain and say so ("Beijing / Tokyo")', () => {
    const result = at('Beijing / Tokyo');
    expect(result.region).toBe('UNKNOWN');
    expect(result.conflict).toBe(true);
  });

  it('explains what decided it', () => {
    const [signal] = at('Hangzhou, Zhejiang').signals;
    expect(signal).toMatchObject({ kind: 'location', value: 'Hangzhou, Zhejiang', country: 'CN' });
    expect(signal?.evidence).toContain('hangzhou → CN');
    expect(signal?.weight).toBeGreaterThan(0);
  });

  it('survives hostile input (huge strings, odd Unicode)', () => {
    const huge = 'Berlin '.repeat(100_000);
    expect(at(huge).country).toBe('DE');
    expect(at('\u0000\uffff\ud800 ,,, //').region).toBe('UNKNOWN');
  });
});
