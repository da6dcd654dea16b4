export const hardshipImport = {
  hardshipImport: {
    button: '批量导入',
    title: '从 Excel 导入困难家庭',
    hint: '按模板填写：户主姓名、身份证号、手机号、地区代码、地址、家庭人口、人均月收入(元)、致困原因（多项用“、”分隔）、发现渠道、备注。每行作为待核实的线索导入所选工会；户主身份证号已在全系统建档的家庭不会重复导入，会在错误列表中给出原档案的编号和状态。',
    templateName: '困难家庭导入模板.xlsx',
  },
};
