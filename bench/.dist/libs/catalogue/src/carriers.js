/** The 13 carriers (公开渠道和载体) of the standard catalogue table, in the table's column order. */
export const CARRIERS = [
    'website',
    'gazette',
    'new_media',
    'press_conference',
    'broadcast',
    'print_media',
    'reading_point',
    'service_centre',
    'convenience_station',
    'onsite',
    'bulletin_board',
    'targeted_push',
    'other',
];
export const CARRIER_LABELS = {
    website: '政府网站',
    gazette: '政府公报',
    new_media: '两微一端',
    press_conference: '发布会/听证会',
    broadcast: '广播电视',
    print_media: '纸质传媒',
    reading_point: '公开查阅点',
    service_centre: '政务服务中心',
    convenience_station: '便民服务站',
    onsite: '入户/现场',
    bulletin_board: '社区/企事业单位/公示栏（电子屏）',
    targeted_push: '精准推送',
    other: '其他',
};
//# sourceMappingURL=carriers.js.map