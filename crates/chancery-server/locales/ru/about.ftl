## The about area: what an act in a list is about, when the record gives it no name the reader
## may see (see web/about.rs).

about-post = загранучреждение
about-premises = объект недвижимости
about-member = сотрудник
about-measure = Мера
about-round = Раунд переговоров
about-commitment = обязательство
about-case = консульское дело
about-case-in = Консульское дело: { $city }
about-statement = Заявление стороны: { $state }
about-agreement = Договорённость сторон: { $states }
about-withdrawn = Отзыв акта № { $seq }
about-claim = Ответ на утверждение (акт № { $seq })
