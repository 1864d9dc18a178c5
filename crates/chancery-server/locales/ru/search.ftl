# Страница поиска, поле поиска в шапке и имена в других алфавитах.

search-title = Поиск
search-box = Поиск
search-label = Имя, идентификатор или слова
search-button = Найти
search-hint = Латиницей или кириллицей: «Sullivan» найдёт Салливана, «Антонов» — Antonov.
search-none = Ничего из доступного вам не совпадает с «{ $q }» на { $date }.
search-count = { $n ->
    [one] { $n } результат
    [few] { $n } результата
   *[many] { $n } результатов
} по запросу «{ $q }» на { $date }
search-truncated = Показаны только { $n } лучших: добавьте слово, чтобы сузить поиск.
search-error-query_empty = Введите имя, идентификатор или слово для поиска.
search-error-query_too_long = Запрос длиной { $n ->
    [one] { $n } знак
    [few] { $n } знака
   *[many] { $n } знаков
}; допускается не более { $max }.
search-in-relation = { $a }–{ $b }
search-matched-exact = точное совпадение
search-matched-prefix = начало
search-matched-text = в тексте
search-matched-transliteration = другое написание
search-kind-person = Лицо
search-kind-post = Учреждение
search-kind-measure = Мера
search-kind-round = Раунд переговоров
search-kind-commitment = Обязательство
search-matched-on = совпадение: { $text }
names-also-written = также пишется
