import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistry, loadDefaultRegistry, validateRegistryData, type RegistryData } from '@plan-lint/core';

const seed = JSON.parse(readFileSync(new URL('../seeds/registry.json', import.meta.url), 'utf8')) as RegistryData;

describe('registry data', () => {
  it('the seed is valid and holds the bodies of the report and their reorganisations', () => {
    const { data, errors } = validateRegistryData(seed);
    expect(errors).toEqual([]);
    const r = createRegistry(data!);
    const abbr = (a: string) => r.byAbbreviation(a)?.nameJa;
    expect(['NPA', 'CAS', 'CAO', 'MIC', 'MOJ', 'MOFA', 'MEXT', 'MHLW', 'METI'].map(abbr)).toEqual([
      '警察庁', '内閣官房', '内閣府', '総務省', '法務省', '外務省', '文部科学省', '厚生労働省', '経済産業省',
    ]);
    expect(r.byName('Children and Families Agency')).toMatchObject({ abbreviations: ['CFA'], nameJa: 'こども家庭庁', validFrom: '2023-04-01' });
    expect(r.byName('Digital Agency')).toMatchObject({ nameJa: 'デジタル庁', validFrom: '2021-09-01' });
    expect(r.byName('National Public Safety Commission')?.abbreviations).toEqual(['NPSC']);
    expect(r.byId('mhlw')?.predecessors).toEqual(['mhw', 'mol']);
    expect(r.byName('Ministry of Health and Welfare')).toMatchObject({ nameJa: '厚生省', validTo: '2001-01-05' });
    expect(r.byName('Ministry of Labour')).toMatchObject({ nameJa: '労働省', validTo: '2001-01-05' });
    for (const id of ['cao', 'mic', 'mext', 'mhlw', 'meti']) expect(r.byId(id)?.validFrom).toBe('2001-01-06');
  });

  it('explains what is wrong with invalid data', () => {
    const bad = {
      version: '1',
      bodies: [
        { id: 'npa', name: 'National Police Agency', abbreviations: ['NPA'] },
        { id: 'x', name: 'X', abbreviations: ['X1'], nameJa: 'X', validFrom: '2020-13-01', colour: 'red' },
      ],
    };
    const { data, errors } = validateRegistryData(bad);
    expect(data).toBeUndefined();
    expect(errors).toContain("registry.bodies[0] (body 'npa') is missing the required property 'nameJa'");
    expect(errors).toContain("registry.bodies[1] (body 'x') has an unknown property 'colour'");
    expect(errors).toContain("registry.bodies[1].validFrom (body 'x') must be an ISO date (YYYY-MM-DD)");
    expect(validateRegistryData('nope').errors).toEqual(['the registry must be of type object']);
    const dup = validateRegistryData({
      version: '1',
      bodies: [
        { id: 'a', name: 'A Agency', abbreviations: ['AA'], nameJa: 'A', successors: ['zz'] },
        { id: 'a', name: 'B Agency', abbreviations: ['AA'], nameJa: 'B', validFrom: '2019-02-30' },
      ],
    });
    expect(dup.errors).toEqual(expect.arrayContaining([
      "registry: the id 'a' is used by more than one body",
      "registry: body 'a' refers to unknown body id 'zz'",
      "registry: body 'a' has validFrom '2019-02-30', which is not a real date",
    ]));
  });
});

describe('registry lookups', () => {
  const r = loadDefaultRegistry();
  it('is loaded once', () => {
    expect(loadDefaultRegistry()).toBe(r);
  });
  it('abbreviations are exact, names are forgiving', () => {
    expect(r.byAbbreviation('MOJ')?.id).toBe('moj');
    expect(r.byAbbreviation('moj')).toBeUndefined();
    expect(r.byName('the ministry of justice')?.id).toBe('moj');
    expect(r.byName('Ministry of Health, Labour, and Welfare')?.id).toBe('mhlw');
    expect(r.byName('Ministry of  Health Labour & Welfare')?.id).toBe('mhlw');
    expect(r.byName('Ministry of Health, Labor and Welfare')?.id).toBe('mhlw');
    expect(r.byName('Ministry of Economy, Trade, and Industry')?.id).toBe('meti');
    expect(r.byName('Ministry of Magic')).toBeUndefined();
  });
  it('suggests close names and abbreviations, best first', () => {
    expect(r.suggest('MOJJ', 'abbreviation')[0]).toBe('MOJ');
    expect(r.suggest('MIHLW', 'abbreviation')[0]).toBe('MHLW');
    expect(r.suggest('NAP', 'abbreviation')[0]).toBe('NPA');
    expect(r.suggest('XYZQ', 'abbreviation')).toEqual([]);
    expect(r.suggest('Ministry of Educaton, Culture, Sports, Science and Technology', 'name')[0]).toBe(
      'Ministry of Education, Culture, Sports, Science and Technology',
    );
    expect(r.suggest('Cabinet Ofice', 'name')[0]).toBe('Cabinet Office');
    expect(r.suggest('Ministry of Magic', 'name')).toEqual([]);
  });
  it('knows when bodies existed', () => {
    const cfa = r.byId('cfa')!;
    expect(r.existedDuring(cfa, '2018-04-01', '2019-03-31')).toBe(false);
    expect(r.existedDuring(cfa, '2022-04-01', '2023-03-31')).toBe(false);
    expect(r.existedDuring(cfa, '2023-04-01', '2024-03-31')).toBe(true);
    const mhw = r.byId('mhw')!;
    expect(r.existedDuring(mhw, '2000-04-01', '2001-03-31')).toBe(true);
    expect(r.existedDuring(mhw, '2001-04-01', '2002-03-31')).toBe(false);
    expect(r.existedDuring(r.byId('moj')!, '1990-04-01', '2030-03-31')).toBe(true);
  });
  it('extends with new or replacing bodies without changing the original', () => {
    const ext = r.extend([
      { id: 'moj', name: 'Ministry of Justice', abbreviations: ['MOJ', 'MoJ'], nameJa: '法務省' },
      { id: 'xa', name: 'Example Agency', abbreviations: ['XA'], nameJa: '例庁' },
    ]);
    expect(ext.byAbbreviation('MoJ')?.id).toBe('moj');
    expect(ext.byName('Example Agency')?.id).toBe('xa');
    expect(ext.bodies).toHaveLength(r.bodies.length + 1);
    expect(r.byAbbreviation('MoJ')).toBeUndefined();
    expect(r.byName('Example Agency')).toBeUndefined();
  });
});
