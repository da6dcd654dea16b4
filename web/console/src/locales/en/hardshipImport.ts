import type { hardshipImport as zhCN } from '../zh-CN/hardshipImport.js';

export const hardshipImport: typeof zhCN = {
  hardshipImport: {
    button: 'Import',
    title: 'Import hardship households from Excel',
    hint: "Fill in the template: head's name, ID number, mobile phone, region code, address, household size, monthly income per head (yuan), causes (several separated by 、), channel, note. Each row becomes a lead of the chosen union, awaiting verification; a household whose head's ID number is already on file anywhere in the federation is not imported again: the error list gives that file's number and status.",
    templateName: 'hardship-households-template.xlsx',
  },
};
